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
 * @param promptTokens the prompt's tokens being counted ahead (a stream that will carry no
 *     usage), or null
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
    ChatLayout layout,
    PromptTokens promptTokens) {

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

  public RequestInfo(String model, Boolean stream, Long maxTokens, Double temperature, Double topP,
      boolean includeUsage, boolean plausible, String promptText, String inputMessages,
      ChatLayout layout) {
    this(model, stream, maxTokens, temperature, topP, includeUsage, plausible, promptText,
        inputMessages, layout, null);
  }

  public RequestInfo withModel(String newModel) {
    return new RequestInfo(newModel, stream, maxTokens, temperature, topP, includeUsage, plausible,
        promptText, inputMessages, layout, promptTokens);
  }

  /** The same request without its text, which only the call's reports need. */
  public RequestInfo withoutText() {
    return promptText == null && inputMessages == null ? this : new RequestInfo(model, stream,
        maxTokens, temperature, topP, includeUsage, plausible, null, null, ChatLayout.NONE,
        promptTokens);
  }

  public RequestInfo withInputMessages(String messages) {
    return new RequestInfo(model, stream, maxTokens, temperature, topP, includeUsage, plausible,
        promptText, messages, layout, promptTokens);
  }

  /** The same request, its prompt's tokens counted ahead into {@code counted}. */
  public RequestInfo withPromptTokens(PromptTokens counted) {
    return new RequestInfo(model, stream, maxTokens, temperature, topP, includeUsage, plausible,
        promptText, inputMessages, layout, counted);
  }
}
