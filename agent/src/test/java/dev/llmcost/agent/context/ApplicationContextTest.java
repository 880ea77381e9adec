package dev.llmcost.agent.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApplicationContextTest {
  private final ApplicationContext context = new ApplicationContext(Set.of());

  /** Baggage set through the API alone (no span, no tracing server) still tags the call. */
  @Test
  void baggageWithoutASpanIsReadAndTheCallHasNoParentSpan() {
    ApplicationContext withKeys = new ApplicationContext(Set.of("tenant"));
    assertNull(withKeys.current(), "nothing current");
    Baggage baggage = Baggage.builder().put("llmcost.feature", "search").put("tenant", "acme")
        .put("other", "not copied").build();
    try (Scope ignored = baggage.makeCurrent()) {
      TraceParent parent = withKeys.current();
      assertNotNull(parent);
      assertFalse(parent.hasSpan());
      assertEquals(Map.of("llmcost.feature", "search", "tenant", "acme"), parent.baggage());
    }
  }

  /** A web app that bundles the OpenTelemetry API, redeployed: its loader must be free to go. */
  @Test
  void aWebAppsOwnApiDoesNotKeepItsLoaderAlive() throws Exception {
    WeakReference<ClassLoader> webApp = readContextThroughOwnApi();
    for (int i = 0; i < 50 && webApp.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertNull(webApp.get(), "the redeployed web app's class loader was collected");
  }

  private WeakReference<ClassLoader> readContextThroughOwnApi() throws Exception {
    URL[] api = {location(Span.class), location(Context.class)};
    URLClassLoader webApp = new URLClassLoader("webapp", api, null);
    assertNotNull(Class.forName("io.opentelemetry.api.trace.Span", false, webApp));
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(webApp);
    try {
      assertNull(context.current(), "no span is current in the web app");
      assertNull(context.current(), "asked again: the same answer from what it found");
    } finally {
      thread.setContextClassLoader(before);
    }
    assertTrue(webApp.loadClass("io.opentelemetry.api.trace.Span").getClassLoader() == webApp);
    webApp.close();
    return new WeakReference<>(webApp);
  }

  private static URL location(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation();
  }
}
