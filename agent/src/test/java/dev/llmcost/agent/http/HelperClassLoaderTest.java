package dev.llmcost.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.llmcost.bootstrap.ApacheHttpHooks;
import dev.llmcost.agent.http.apache.ApacheHttpCalls;
import dev.llmcost.bootstrap.CallTracking;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.HttpEntity;
import org.junit.jupiter.api.Test;

class HelperClassLoaderTest {
  private static final String HELPERS = "dev.llmcost.agent.http.apache.helpers.";

  /** httpclient5 alone in its own loader, as in a fat jar or an application server. */
  private static URLClassLoader isolatedHttpClient5() throws Exception {
    URL client = HttpPost.class.getProtectionDomain().getCodeSource().getLocation();
    URL core = HttpEntity.class.getProtectionDomain().getCodeSource().getLocation();
    return new URLClassLoader(new URL[] {client, core}, ClassLoader.getPlatformClassLoader());
  }

  @Test
  void helpersLinkAgainstTheApplicationsCopyOfTheLibraryAndTheAgentsBootstrapClasses() throws Exception {
    try (URLClassLoader application = isolatedHttpClient5()) {
      HelperClassLoader helpers = new HelperClassLoader(application, getClass().getClassLoader(),
          List.of(HELPERS, "dev.llmcost.agent.http.body."));

      Class<?> entity = helpers.loadClass(HELPERS + "TeeingEntity");
      assertSame(helpers, entity.getClassLoader(), "defined next to the library, not by the agent");
      assertSame(application.loadClass("org.apache.hc.core5.http.io.entity.HttpEntityWrapper"), entity.getSuperclass());
      assertNotSame(HttpEntity.class, application.loadClass(HttpEntity.class.getName()));

      Class<?> exchanges = helpers.loadClass(HELPERS + "ApacheExchanges");
      assertSame(ApacheHttpHooks.Impl.class, exchanges.getInterfaces()[0], "the agent can call it");
      assertSame(helpers, helpers.loadClass("dev.llmcost.agent.http.body.TeeInputStream").getClassLoader());
    }
  }

  @Test
  void oneHelperServesEveryClassOfALoaderAndALibraryItCannotLinkToIsLeftAlone() throws Exception {
    ApacheHttpHooks.Impl disabled = new ApacheHttpCalls.Untracked();
    HelperInstances<ApacheHttpHooks.Impl> instances = new HelperInstances<>(ApacheHttpHooks.Impl.class,
        HELPERS + "ApacheExchanges", List.of(HELPERS, "dev.llmcost.agent.http.body."), CallTracking.class, null,
        disabled);
    ApacheHttpHooks.Impl forPost = instances.forInstance(new HttpPost("http://localhost/"));
    assertSame(forPost, instances.forInstance(new HttpGet("http://localhost/")), "one helper per loader");
    assertEquals(HELPERS + "ApacheExchanges", forPost.getClass().getName());

    HelperInstances<ApacheHttpHooks.Impl> missing = new HelperInstances<>(ApacheHttpHooks.Impl.class,
        HELPERS + "NoSuchHelper", List.of(HELPERS), CallTracking.class, null, disabled);
    assertSame(disabled, missing.forInstance(new HttpPost("http://localhost/")));
  }
}
