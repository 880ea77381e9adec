package dev.llmcost.agent.call;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which frames are a library's, passed over on the way to the application's call site. */
class LibraryClassesTest {
  @Test
  void springsClientsSpringAiAndMicrometerAreLibraries() {
    assertTrue(CallSites.isLibrary("org.springframework.ai.openai.http.okhttp.SpringAiOpenAiHttpClient"));
    assertTrue(CallSites.isLibrary("org.springframework.ai.openai.OpenAiChatModel"));
    assertTrue(CallSites.isLibrary("org.springframework.web.client.DefaultRestClient"));
    assertTrue(CallSites.isLibrary("io.micrometer.observation.Observation"));
  }

  @Test
  void anApplicationsOwnClassesAreNot() {
    assertFalse(CallSites.isLibrary("com.acme.shop.Checkout"));
    assertFalse(CallSites.isLibrary("org.acme.springish.Client"));
  }
}
