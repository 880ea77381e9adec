package dev.llmcost.agent.http.jdk;

import static org.junit.jupiter.api.Assertions.assertSame;

import dev.llmcost.agent.call.LlmCall;
import dev.llmcost.agent.provider.Api;
import dev.llmcost.agent.provider.Endpoint;
import dev.llmcost.bootstrap.JdkHttpHooks;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TeeingBodySubscriberTest {

  @Test
  void theJdkIsAskedAboutTheApplicationsSubscriberNotTheWrapper() {
    // What the advice on TrustedSubscriber.needsExecutor substitutes for its argument: the JDK
    // then trusts (or not) exactly the subscriber it would have without the agent.
    BodySubscriber<String> application = BodySubscribers.ofString(StandardCharsets.UTF_8);
    LlmCall call = new LlmCall(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, true), "h", 443,
        true, null, record -> { });
    TeeingBodySubscriber<String> wrapper = new TeeingBodySubscriber<>(application, call);
    assertSame(application, JdkHttpHooks.unwrapSubscriber(wrapper));
    assertSame(application, JdkHttpHooks.unwrapSubscriber(application), "other subscribers pass as they are");
    assertSame(null, JdkHttpHooks.unwrapSubscriber(null));
  }
}
