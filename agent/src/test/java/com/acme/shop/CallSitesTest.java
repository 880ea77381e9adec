package com.acme.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.agent.call.CallSite;
import dev.llmcost.agent.call.CallSites;
import dev.llmcost.agent.call.LibraryFrames;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
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

  @Test
  void aSiteIsNamedOnceAndSharedByTheCallsMadeFromIt() {
    List<CallSite> sites = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      sites.add(checkout(5));
    }
    assertSame(sites.get(0), sites.get(1));
    assertSame(sites.get(0), sites.get(2));
    assertNotEquals(sites.get(0).callers(), sendOrder(5).callers(), "another caller, another site");
  }

  /** Two lambdas of one shape send from the same bytecode index: only their names tell them apart. */
  @Test
  void lambdasSendingFromTheSameIndexOfOneClassHaveTheirOwnSites() {
    Supplier<CallSite> first = () -> callSites.applicationFrame();
    Supplier<CallSite> second = () -> callSites.applicationFrame();
    List<CallSite> sites = new ArrayList<>();
    for (Supplier<CallSite> send : List.of(first, second, first)) {
      sites.add(send.get());
    }
    assertNotEquals(sites.get(0).function(), sites.get(1).function());
    assertEquals(sites.get(0).line() + 1, sites.get(1).line());
    assertEquals(sites.get(0).callers(), sites.get(1).callers());
    assertSame(sites.get(0), sites.get(2));
  }

  private CallSite checkout(int libraryFrames) {
    return sendOrder(libraryFrames);
  }

  private CallSite sendOrder(int libraryFrames) {
    return LibraryFrames.under(libraryFrames, callSites::applicationFrame);
  }
}
