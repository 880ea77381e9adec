package com.acme.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.agent.call.CallSite;
import dev.llmcost.agent.call.CallSites;
import dev.llmcost.agent.call.LibraryFrames;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The call site is the innermost application frame, with the next two out as callers, however
 * many library frames lie between it and the search (this class stands for the application).
 */
class CallSitesTest {
  private final CallSites callSites = new CallSites();

  @Test
  void findsTheApplicationFramesPastFewOrManyLibraryFrames() {
    for (int libraryFrames : new int[] {0, 5, 14, 40}) {
      CallSite site = checkout(libraryFrames);
      assertEquals("com.acme.shop.CallSitesTest.sendOrder", site.function(), "past " + libraryFrames);
      assertEquals("CallSitesTest.java", site.file());
      assertTrue(site.line() > 0);
      List<String> callers = site.callers();
      assertEquals(2, callers.size(), callers.toString());
      assertTrue(callers.get(0).startsWith("com.acme.shop.CallSitesTest.checkout(CallSitesTest.java:"), callers.get(0));
      assertTrue(callers.get(1).startsWith("com.acme.shop.CallSitesTest.findsTheApplicationFramesPastFewOrManyLibraryFrames("),
          callers.get(1));
    }
  }

  @Test
  void noApplicationFrameWithinTheSearchDepthMeansNoSite() {
    assertEquals(null, LibraryFrames.under(80, callSites::applicationFrame));
  }

  private CallSite checkout(int libraryFrames) {
    return sendOrder(libraryFrames);
  }

  private CallSite sendOrder(int libraryFrames) {
    return LibraryFrames.under(libraryFrames, callSites::applicationFrame);
  }
}
