package dev.llmcost.agent.provider;

import dev.llmcost.agent.AgentLog;

/** The Anthropic Messages format ({@code POST /v1/messages}), plain and streamed. */
public final class AnthropicCodec implements ProviderCodec {
  private static final RequestShape MESSAGES = RequestShape.builder("messages")
      .maxTokens("max_tokens")
      .text("system", "system[].text", "messages[].content", "messages[].content[].text")
      .messages("messages[]")
      .build();

  @Override
  public RequestInfo readRequest(byte[] body, int length) {
    try {
      return MESSAGES.read(body, length);
    } catch (Exception e) {
      AgentLog.failure("Anthropic request parsing", e);
      return RequestInfo.UNKNOWN;
    }
  }

  @Override
  public ResponseParser newResponseParser(boolean sse, String contentEncoding, boolean keepText) {
    return new AnthropicResponse(keepText).parser(sse, contentEncoding);
  }
}
