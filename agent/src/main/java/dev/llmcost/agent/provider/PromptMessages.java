package dev.llmcost.agent.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the messages of a request body, each with its role, for content capture (off by default,
 * so this runs only when the user asked for it). Never throws; a body that is not JSON gives what
 * was read before the damage.
 */
public final class PromptMessages {
  /** One message: its role and its text parts joined by newlines. */
  public record Message(String role, String text) {}

  /** Where one API keeps its messages: a list of role-tagged elements, and role-fixed top-level fields. */
  private record Shape(String element, String roleField, List<String> elementText, Map<String, String> fixedRoles,
      JsonPaths paths) {
    static Shape of(String element, String roleField, List<String> elementText, Map<String, String> fixedRoles) {
      List<String> all = new ArrayList<>(elementText);
      all.add(roleField);
      all.addAll(fixedRoles.keySet());
      return new Shape(element, roleField, elementText, fixedRoles, JsonPaths.of(all.toArray(new String[0])));
    }
  }

  private static final Shape CHAT = Shape.of("messages[]", "messages[].role",
      List.of("messages[].content", "messages[].content[].text"), Map.of());
  private static final Shape ANTHROPIC = Shape.of("messages[]", "messages[].role",
      List.of("messages[].content", "messages[].content[].text"), Map.of("system", "system", "system[].text", "system"));
  private static final Shape RESPONSES = Shape.of("input[]", "input[].role",
      List.of("input[].content", "input[].content[].text", "input[].output"),
      Map.of("instructions", "system", "input", "user"));
  private static final Shape PROMPT = Shape.of("prompt[]", "prompt[].role", List.of(),
      Map.of("prompt", "user", "prompt[]", "user"));
  private static final Shape EMBEDDINGS = Shape.of("input[]", "input[].role", List.of(),
      Map.of("input", "user", "input[]", "user"));
  private static final Shape GEMINI = Shape.of("contents[]", "contents[].role",
      List.of("contents[].parts[].text"), Map.of("systemInstruction.parts[].text", "system"));

  private static final Shape GEMINI_EMBED = Shape.of("content", "content.role",
      List.of("content.parts[].text"), Map.of());
  private static final Shape GEMINI_BATCH_EMBED = Shape.of("requests[].content",
      "requests[].content.role", List.of("requests[].content.parts[].text"), Map.of());

  private PromptMessages() {}

  public static List<Message> read(Api api, byte[] body) {
    List<Message> messages = new ArrayList<>();
    if (api == null || body == null) {
      return messages;
    }
    try {
      Shape shape = switch (api) {
        case OPENAI_CHAT_COMPLETIONS -> CHAT;
        case OPENAI_RESPONSES -> RESPONSES;
        case OPENAI_COMPLETIONS -> PROMPT;
        case OPENAI_EMBEDDINGS -> EMBEDDINGS;
        case ANTHROPIC_MESSAGES -> ANTHROPIC;
        case GEMINI_GENERATE_CONTENT, GEMINI_STREAM_GENERATE_CONTENT -> GEMINI;
        case GEMINI_EMBED_CONTENT -> GEMINI_EMBED;
        case GEMINI_BATCH_EMBED_CONTENTS -> GEMINI_BATCH_EMBED;
        case OPENAI_BATCH_CREATE, OPENAI_BATCH_RESULTS, ANTHROPIC_BATCH_CREATE,
            ANTHROPIC_BATCH_RESULTS -> null; // a batch's prompts are in its input file
      };
      if (shape == null) {
        return messages;
      }
      JsonScanner.scan(body, 0, body.length, shape.paths(), new Collector(shape, messages));
    } catch (RuntimeException e) {
      // content capture is best effort: what was read so far is kept
    }
    return messages;
  }

  /** Builds one message per list element, in document order; role-fixed fields become messages of their own. */
  private static final class Collector implements JsonScanner.Listener {
    private final Shape shape;
    private final List<Message> out;
    private String role;
    private StringBuilder text;

    Collector(Shape shape, List<Message> out) {
      this.shape = shape;
      this.out = out;
    }

    @Override
    public void onContainerStart(String path, boolean array) {
      if (path.equals(shape.element()) && !array) {
        role = null;
        text = new StringBuilder();
      }
    }

    @Override
    public void onContainerEnd(String path, boolean array) {
      if (path.equals(shape.element()) && text != null) {
        if (text.length() > 0) {
          out.add(new Message(role != null ? role : "user", text.toString()));
        }
        text = null;
      }
    }

    @Override
    public void onValue(String path, JsonScanner.Value value) {
      if (value.isNull()) {
        return;
      }
      if (path.equals(shape.roleField())) {
        role = value.text();
        return;
      }
      String fixedRole = shape.fixedRoles().get(path);
      if (fixedRole != null) {
        out.add(new Message(fixedRole, value.text()));
      } else if (text != null && shape.elementText().contains(path)) {
        if (text.length() > 0) {
          text.append('\n');
        }
        text.append(value.chars());
      }
    }
  }
}
