package dev.llmcost.agent.provider;

/**
 * What the request body says. Any field may be null when absent or unreadable.
 *
 * @param plausible true when the body looks like a request of the endpoint's API (has a model or
 *     the API's required fields); path-only matches with an implausible body are not LLM calls
 * @param promptText the prompt's text (messages, input, system), capped, for token estimation
 *     when the provider reports no usage; never exported unless content capture is on
 * @param inputMessages the prompt as {@code gen_ai.input.messages} JSON (redacted, capped), or null
 *     unless content capture is on
 * @param layout where each chat message sits in promptText, for the chat format's overhead
 */
public record RequestInfo(
    String model,
    Boolean stream,
    Long maxTokens,
    Double temperature,
    Double topP,
    boolean includeUsage,
    boolean plausible,
    String promptText,
    String inputMessages,
    ChatLayout layout) {

  public static final RequestInfo UNKNOWN =
      new RequestInfo(null, null, null, null, null, false, false, null, null);

  public RequestInfo {
    layout = layout == null ? ChatLayout.NONE : layout;
  }

  public RequestInfo(String model, Boolean stream, Long maxTokens, Double temperature, Double topP,
      boolean includeUsage, boolean plausible, String promptText) {
    this(model, stream, maxTokens, temperature, topP, includeUsage, plausible, promptText, null);
  }

  public RequestInfo(String model, Boolean stream, Long maxTokens, Double temperature, Double topP,
      boolean includeUsage, boolean plausible, String promptText, String inputMessages) {
    this(model, stream, maxTokens, temperature, topP, includeUsage, plausible, promptText,
        inputMessages, ChatLayout.NONE);
  }

  public RequestInfo withModel(String newModel) {
    return new RequestInfo(newModel, stream, maxTokens, temperature, topP, includeUsage, plausible,
        promptText, inputMessages, layout);
  }

  /** The same request without its text, which only the call's reports need. */
  public RequestInfo withoutText() {
    return promptText == null && inputMessages == null ? this : new RequestInfo(model, stream,
        maxTokens, temperature, topP, includeUsage, plausible, null, null, ChatLayout.NONE);
  }

  public RequestInfo withInputMessages(String messages) {
    return new RequestInfo(model, stream, maxTokens, temperature, topP, includeUsage, plausible,
        promptText, messages, layout);
  }
}
