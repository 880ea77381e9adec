package dev.llmcost.bench;

import dev.llmcost.agent.call.CallRecord;
import dev.llmcost.agent.call.CallSite;
import dev.llmcost.agent.call.Outcome;
import dev.llmcost.agent.provider.Api;
import dev.llmcost.agent.provider.Endpoint;
import dev.llmcost.agent.provider.Endpoints;
import dev.llmcost.agent.provider.ProviderCodec;
import dev.llmcost.agent.provider.ResponseParser;
import java.nio.ByteBuffer;
import java.util.List;

/** A settled, consumed chat completion as the transport hands it to reporting. */
public final class SettledCalls {
  private SettledCalls() {}

  public static CallRecord openAiChat() {
    ProviderCodec codec = Endpoints.codecFor(Api.OPENAI_CHAT_COMPLETIONS);
    byte[] request = ProviderBodies.openAiChatRequest(false);
    ResponseParser parser = codec.newResponseParser(false, null);
    parser.onBytes(ByteBuffer.wrap(ProviderBodies.openAiChatJson()));
    parser.onEnd();
    long start = System.currentTimeMillis() * 1_000_000L;
    return new CallRecord(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, true),
        "api.openai.com", 443, codec.readRequest(request, request.length), parser.info(), 200,
        null, Outcome.CONSUMED, start, start + 412_000_000L, -1,
        new CallSite("com.acme.review.ReviewService.summarize", "ReviewService.java", 42,
            List.of("com.acme.review.ReviewController.post(ReviewController.java:88)",
                "com.acme.web.Router.handle(Router.java:120)")),
        null, 0x5eedL);
  }
}
