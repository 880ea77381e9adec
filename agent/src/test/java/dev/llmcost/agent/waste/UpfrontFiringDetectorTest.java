package dev.llmcost.agent.waste;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.agent.call.CallSite;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpfrontFiringDetectorTest {
  private final UpfrontFiringDetector.SiteWindow window =
      new UpfrontFiringDetector.SiteWindow(new CallSite("com.acme.Review.checkAll", "Review.java", 42));

  @Test
  void aBurstWhoseResultsAreMostlyDroppedIsReportedOnceWithItsCost() {
    assertNull(window.add(false, 0, 0));
    assertNull(window.add(true, 0.01, 0));
    UpfrontFiring detection = window.add(true, 0.02, 0);
    assertEquals(2, detection.abandonedInWindow());
    assertEquals(3, detection.callsInWindow());
    assertEquals(0.03, detection.wastedUsd(), 1e-12);
    assertTrue(detection.message().contains("com.acme.Review.checkAll(Review.java:42)"));
    for (int i = 0; i < 7; i++) {
      assertNull(window.add(true, 0.01, 0), "the same burst is reported once");
    }
    UpfrontFiring warning = window.takeWarning(Long.MAX_VALUE, 0);
    assertEquals(9, warning.abandonedInWindow(), "the warning states the whole burst");
    assertEquals(10, warning.callsInWindow());
    assertNull(window.takeWarning(Long.MAX_VALUE, 0), "and is given once");
  }

  @Test
  void theWarningWaitsUntilTheSiteIsQuiet() {
    window.add(true, 0.01, 1_000);
    window.add(true, 0.01, 2_000);
    assertNull(window.takeWarning(2_100, 500), "calls are still settling");
    assertEquals(2, window.takeWarning(2_600, 500).abandonedInWindow());
  }

  @Test
  void aWarningTakenAfterTheBurstCountsTheBurstNotTheCallsReadSince() {
    for (int i = 0; i < 4; i++) {
      window.add(true, 0.01, 0);
    }
    for (int i = 0; i < 40; i++) {
      window.add(false, 0, 0); // the burst's window has moved on before anyone logged it
    }
    UpfrontFiring warning = window.takeWarning(Long.MAX_VALUE, 0);
    assertEquals(4, warning.abandonedInWindow(), warning.message());
    assertEquals(32, warning.callsInWindow(), "the window as it last held all four: " + warning.message());
    assertEquals(4, warning.abandonedTotal());
  }

  @Test
  void aSingleDroppedResultAmongManyReadOnesIsNotUpfrontFiring() {
    for (int i = 0; i < 20; i++) {
      assertNull(window.add(i == 10, 0.01, 0));
    }
  }

  @Test
  void aNewBurstAfterHealthyTrafficIsReportedAgain() {
    window.add(true, 0.01, 0);
    assertTrue(window.add(true, 0.01, 0) != null);
    for (int i = 0; i < UpfrontFiringDetector.WINDOW; i++) {
      window.add(false, 0, 0);
    }
    UpfrontFiring again = null;
    for (int i = 0; i < UpfrontFiringDetector.WINDOW && again == null; i++) {
      again = window.add(true, 0.01, 0);
    }
    assertTrue(again != null);
    // A full window of 32 needs 17 abandoned calls for a majority; 2 came in the first burst.
    assertEquals(17, again.abandonedInWindow());
    assertEquals(19, again.abandonedTotal());
  }

  /**
   * One helper makes the calls of two parts of the application: the part that reads every answer
   * does not hide the part that fires eight and reads one, and the warning names the latter.
   */
  @Test
  void aHelperCalledFromTwoPlacesIsWatchedOncePerCaller() {
    List<UpfrontFiring> detected = new ArrayList<>();
    UpfrontFiringDetector detector = new UpfrontFiringDetector(detected::add);
    CallSite fromReport = new CallSite("com.acme.Llm.ask", "Llm.java", 7,
        List.of("com.acme.Report.build(Report.java:20)"));
    CallSite fromValidation = new CallSite("com.acme.Llm.ask", "Llm.java", 7,
        List.of("com.acme.Review.checkAll(Review.java:42)"));
    for (int i = 0; i < 10; i++) {
      detector.record(fromReport, false, 0, i);
    }
    detector.record(fromValidation, false, 0, 10);
    for (int i = 0; i < 7; i++) {
      detector.record(fromValidation, true, 0.01, 11 + i);
    }

    assertEquals(1, detected.size(), "7 of 8 from checkAll; 7 of 18 from the helper as a whole");
    assertEquals(List.of("com.acme.Review.checkAll(Review.java:42)"), detected.get(0).site().callers());
  }

  @Test
  void pastTheCapOnlySitesIdleForTenMinutesMakeRoomForNewOnes() {
    List<UpfrontFiring> detected = new ArrayList<>();
    UpfrontFiringDetector detector = new UpfrontFiringDetector(detected::add);
    long t = 1_000;
    for (int i = 0; i < UpfrontFiringDetector.MAX_SITES; i++) {
      detector.record(new CallSite("com.acme.Site.m" + i, "Site.java", i), false, 0, t);
    }
    CallSite late = new CallSite("com.acme.Late.call", "Late.java", 7);
    detector.record(late, true, 0.01, t + 1);
    assertEquals(UpfrontFiringDetector.MAX_SITES, detector.sitesTracked(), "none idle: not tracked");

    long later = t + UpfrontFiringDetector.IDLE_NANOS;
    detector.record(new CallSite("com.acme.Site.m0", "Site.java", 0), false, 0, later); // still busy
    detector.record(late, true, 0.01, later);
    assertEquals(2, detector.sitesTracked(), "the idle sites were forgotten, the new one tracked");
    detector.record(late, true, 0.01, later + 1);
    assertEquals(1, detected.size(), "the new site's burst is seen: " + detected);
  }
}
