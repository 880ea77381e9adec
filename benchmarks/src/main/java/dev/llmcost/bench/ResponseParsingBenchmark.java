package dev.llmcost.bench;

import dev.llmcost.agent.provider.Api;
import dev.llmcost.agent.provider.Endpoints;
import dev.llmcost.agent.provider.ProviderCodec;
import dev.llmcost.agent.provider.RequestInfo;
import dev.llmcost.agent.provider.ResponseInfo;
import dev.llmcost.agent.provider.ResponseParser;
import java.nio.ByteBuffer;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The bytes side of one LLM call: reading the request, and teeing a whole response (JSON, or a
 * 200-token SSE stream fed event by event) through the codec to its usage. Per operation = per call.
 */
@State(Scope.Thread)
public class ResponseParsingBenchmark extends BenchmarkDefaults {
  private final ProviderCodec openAi = Endpoints.codecFor(Api.OPENAI_CHAT_COMPLETIONS);
  private final ProviderCodec anthropic = Endpoints.codecFor(Api.ANTHROPIC_MESSAGES);
  private byte[] request;
  private ByteBuffer openAiJson;
  private List<ByteBuffer> openAiStream;
  private List<ByteBuffer> anthropicStream;

  @Setup
  public void setUp() {
    request = ProviderBodies.openAiChatRequest(true);
    openAiJson = ByteBuffer.wrap(ProviderBodies.openAiChatJson()).asReadOnlyBuffer();
    openAiStream = ProviderBodies.openAiChatStream();
    anthropicStream = ProviderBodies.anthropicStream();
  }

  @Benchmark
  public RequestInfo openAiRequest() {
    return openAi.readRequest(request, request.length);
  }

  @Benchmark
  public ResponseInfo openAiJsonResponse() {
    ResponseParser parser = openAi.newResponseParser(false, null);
    parser.onBytes(openAiJson.duplicate());
    parser.onEnd();
    return requireUsage(parser.info());
  }

  @Benchmark
  public ResponseInfo openAiSseStream() {
    return feed(openAi.newResponseParser(true, null), openAiStream);
  }

  @Benchmark
  public ResponseInfo anthropicSseStream() {
    return feed(anthropic.newResponseParser(true, null), anthropicStream);
  }

  private static ResponseInfo feed(ResponseParser parser, List<ByteBuffer> events) {
    for (int i = 0; i < events.size(); i++) {
      parser.onBytes(events.get(i).duplicate()); // a duplicate, as the JDK transport passes them
    }
    parser.onEnd();
    return requireUsage(parser.info());
  }

  /** A benchmark that silently stopped finding the usage would measure nothing useful. */
  private static ResponseInfo requireUsage(ResponseInfo info) {
    if (info.usage == null || info.usage.outputTokens() != 200) {
      throw new IllegalStateException("usage not read: " + info.usage);
    }
    return info;
  }
}
