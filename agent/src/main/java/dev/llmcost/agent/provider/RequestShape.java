package dev.llmcost.agent.provider;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Where one API keeps the request fields we report: the model, sampling settings, the token limit
 * and the prompt's text. Reads a (possibly truncated) request body into a {@link RequestInfo}
 * without ever throwing; a body that is not a JSON object gives {@link RequestInfo#UNKNOWN}.
 */
final class RequestShape {
  /** Cap on the prompt text kept for token estimation. */
  static final int MAX_PROMPT_CHARS = 1 << 20;

  private final JsonPaths paths;
  private final boolean needsModel;
  private final String requiredField;
  private final String[] maxTokensFields;
  private final String temperatureField;
  private final String topPField;
  private final Set<String> textFields;
  private final Boolean fixedStream;
  /** The path of one chat message ("messages[]"), or null when the API has no message list. */
  private final String messagePath;
  private final String rolePath;
  private final String namePath;

  private RequestShape(Builder b) {
    this.needsModel = b.needsModel;
    this.requiredField = b.requiredField;
    this.maxTokensFields = b.maxTokensFields;
    this.temperatureField = b.temperatureField;
    this.topPField = b.topPField;
    this.textFields = new HashSet<>(Arrays.asList(b.textFields));
    this.fixedStream = b.fixedStream;
    this.messagePath = b.messagePath;
    this.rolePath = b.messagePath == null ? null : b.messagePath + ".role";
    this.namePath = b.messagePath == null ? null : b.messagePath + ".name";
    Set<String> all = new HashSet<>(textFields);
    all.addAll(Arrays.asList(maxTokensFields));
    all.addAll(Arrays.asList("model", "stream", "stream_options.include_usage", temperatureField,
        topPField, requiredField));
    if (messagePath != null) {
      all.add(rolePath);
      all.add(namePath);
    }
    this.paths = JsonPaths.of(all.toArray(new String[0]));
  }

  static Builder builder(String requiredField) {
    return new Builder(requiredField);
  }

  RequestInfo read(byte[] body, int length) {
    if (body == null) {
      return RequestInfo.UNKNOWN;
    }
    int n = Math.min(Math.max(length, 0), body.length);
    Fields fields = new Fields();
    JsonScanner scanner = JsonScanner.scan(body, 0, n, paths, fields);
    if (scanner.isMalformed() || !fields.rootIsObject) {
      return RequestInfo.UNKNOWN;
    }
    Long maxTokens = null;
    for (int i = 0; i < maxTokensFields.length && maxTokens == null; i++) {
      maxTokens = fields.maxTokens[i]; // the first name listed wins, e.g. max_completion_tokens
    }
    boolean plausible = fields.sawRequired && (!needsModel || fields.model != null);
    String prompt = fields.text.length() == 0 ? null : fields.text.toString();
    return new RequestInfo(fields.model, fixedStream != null ? fixedStream : fields.stream, maxTokens,
        fields.temperature, fields.topP, fields.includeUsage, plausible, prompt, null,
        fields.layout.build());
  }

  /** Collects one request's values. */
  private final class Fields implements JsonScanner.Listener {
    final Long[] maxTokens = new Long[maxTokensFields.length];
    final StringBuilder text = new StringBuilder();
    final ChatLayout.Builder layout = new ChatLayout.Builder();
    String model;
    Boolean stream;
    Double temperature;
    Double topP;
    boolean includeUsage;
    boolean rootIsObject;
    boolean sawRequired;

    @Override
    public void onContainerStart(String path, boolean array) {
      if (path.isEmpty()) {
        rootIsObject = !array;
      } else if (path.equals(requiredField)) {
        sawRequired = true;
      } else if (!array && path.equals(messagePath)) {
        layout.messageStarts();
      }
    }

    @Override
    public void onContainerEnd(String path, boolean array) {
      if (!array && path != null && path.equals(messagePath)) {
        layout.messageEnds(text.length());
      }
    }

    @Override
    public void onValue(String path, JsonScanner.Value value) {
      if (value.isNull()) {
        return;
      }
      if (path.equals(requiredField)) {
        sawRequired = true;
      }
      if (textFields.contains(path)) {
        appendText(value.chars());
      } else if (path.equals(rolePath)) {
        layout.role(value.text());
      } else if (path.equals(namePath)) {
        layout.name(value.text());
      } else if (path.equals("model")) {
        model = value.name();
      } else if (path.equals("stream")) {
        stream = value.asBoolean();
      } else if (path.equals("stream_options.include_usage")) {
        includeUsage = Boolean.TRUE.equals(value.asBoolean());
      } else if (path.equals(temperatureField)) {
        temperature = value.asDouble();
      } else if (path.equals(topPField)) {
        topP = value.asDouble();
      } else {
        for (int i = 0; i < maxTokensFields.length; i++) {
          if (path.equals(maxTokensFields[i])) {
            long limit = value.asLong(-1);
            maxTokens[i] = limit >= 0 ? limit : null;
          }
        }
      }
    }

    private void appendText(CharSequence chars) {
      if (chars == null || chars.length() == 0) {
        return;
      }
      if (text.length() > 0 && text.length() < MAX_PROMPT_CHARS) {
        text.append('\n');
      }
      layout.textAt(Math.min(text.length(), MAX_PROMPT_CHARS));
      int room = MAX_PROMPT_CHARS - text.length();
      if (room > 0) {
        text.append(chars, 0, Math.min(room, chars.length()));
      }
    }
  }

  static final class Builder {
    private final String requiredField;
    private boolean needsModel = true;
    private String[] maxTokensFields = new String[0];
    private String temperatureField = "temperature";
    private String topPField = "top_p";
    private String[] textFields = new String[0];
    private Boolean fixedStream;
    private String messagePath;

    private Builder(String requiredField) {
      this.requiredField = requiredField;
    }

    /** The model is in the URL (Gemini), so a body without one is still plausible. */
    Builder modelInPath() {
      needsModel = false;
      return this;
    }

    /** Token limit fields, most specific first. */
    Builder maxTokens(String... fields) {
      maxTokensFields = fields;
      return this;
    }

    Builder sampling(String temperature, String topP) {
      temperatureField = temperature;
      topPField = topP;
      return this;
    }

    Builder text(String... fields) {
      textFields = fields;
      return this;
    }

    /** Each element at this path ("messages[]") is one chat message with a role. */
    Builder messages(String path) {
      messagePath = path;
      return this;
    }

    /** Streaming is decided by the endpoint, not by a body field. */
    Builder stream(boolean stream) {
      fixedStream = stream;
      return this;
    }

    RequestShape build() {
      return new RequestShape(this);
    }
  }
}
