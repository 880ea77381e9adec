package dev.llmcost.agent.content;

import dev.llmcost.agent.AgentLog;
import dev.llmcost.agent.provider.PromptMessages.Message;
import dev.llmcost.agent.report.JsonText;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns prompt and completion text into the GenAI conventions' {@code gen_ai.input.messages} and
 * {@code gen_ai.output.messages} values (JSON text), redacted and then capped. Only exists when
 * the user turned capture on ({@code llmcost.capture.content=true}).
 */
public final class ContentCapture {
  static final String REDACTED = "[REDACTED]";
  /** Key shapes redacted whatever the user configures: a prompt may quote a key. */
  static final Pattern BUILT_IN = Pattern.compile(
      "sk-[A-Za-z0-9_-]{8,}|AIza[0-9A-Za-z_-]{16,}|(?i:bearer)\\s+[A-Za-z0-9._~+/=-]{8,}");

  private final int maxChars;
  private final Pattern redact;

  /**
   * @param maxChars how many characters of text one attribute keeps, over all its messages
   * @param redact a regular expression whose matches are replaced, or empty for the built-in shapes only
   */
  public ContentCapture(long maxChars, String redact) {
    this.maxChars = (int) Math.min(Integer.MAX_VALUE, Math.max(0, maxChars));
    this.redact = compile(redact);
  }

  private static Pattern compile(String regex) {
    if (regex == null || regex.isBlank()) {
      return null;
    }
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      // Failing closed: text that cannot be redacted as asked is not captured at all.
      AgentLog.warn("setting llmcost.capture.redact is not a valid regular expression ("
          + e.getDescription() + "); no content is captured");
      return Pattern.compile("(?s).+");
    }
  }

  /** {@code [{"role":"user","parts":[{"type":"text","content":"..."}]}, ...]}, or null when there is no text. */
  public String inputMessages(List<Message> messages) {
    if (messages == null || messages.isEmpty()) {
      return null;
    }
    StringBuilder json = new StringBuilder("[");
    int room = maxChars;
    for (Message m : messages) {
      String text = cap(redact(m.text()), room);
      room -= text.length();
      append(json, m.role(), text, null);
    }
    return json.append(']').toString();
  }

  /** The completion as one assistant message with its finish reason, or null when there is no text. */
  public String outputMessages(CharSequence text, List<String> finishReasons) {
    if (text == null || text.length() == 0) {
      return null;
    }
    StringBuilder json = new StringBuilder("[");
    String reason = finishReasons == null || finishReasons.isEmpty() ? null : finishReasons.get(0);
    append(json, "assistant", cap(redact(text.toString()), maxChars), reason);
    return json.append(']').toString();
  }

  String redact(String text) {
    String out = BUILT_IN.matcher(text).replaceAll(REDACTED);
    return redact == null ? out : redact.matcher(out).replaceAll(REDACTED);
  }

  private static String cap(String text, int room) {
    if (room <= 0) {
      return "";
    }
    int end = Math.min(text.length(), room);
    if (end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--; // never split a character in two
    }
    return text.substring(0, end);
  }

  private static void append(StringBuilder json, String role, String text, String finishReason) {
    if (json.length() > 1) {
      json.append(',');
    }
    json.append("{\"role\":").append(JsonText.quote(role))
        .append(",\"parts\":[{\"type\":\"text\",\"content\":").append(JsonText.quote(text)).append("}]");
    if (finishReason != null) {
      json.append(",\"finish_reason\":").append(JsonText.quote(finishReason));
    }
    json.append('}');
  }
}
