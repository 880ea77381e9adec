package dev.llmcost.agent.usage;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.llmcost.agent.AgentThreads;
import dev.llmcost.agent.provider.ChatLayout;
import java.util.List;
import java.util.Locale;

/**
 * Counts tokens when a response carries no usage (a stream cut short, a stream without
 * include_usage), with the model family's real tokenizer: o200k_base for gpt-4o, gpt-4.1, gpt-4.5,
 * gpt-5/6 and the o-series, cl100k_base for gpt-4, gpt-3.5 and the embeddings models. Anthropic and
 * Gemini publish no tokenizer, so their counts use o200k_base and are an approximation.
 * Thread-safe; each encoding is loaded on first use only (o200k_base is a 3.6 MB vocabulary).
 */
public final class TokenEstimator {
  /**
   * Chat framing per OpenAI's cookbook "How to count tokens with tiktoken"
   * (num_tokens_from_messages): every message costs 3 tokens around its role and content, and
   * every reply is primed with 3 more (&lt;|start|&gt;assistant&lt;|message|&gt;). The cookbook
   * checks this against prompt_tokens reported by the API.
   */
  static final int TOKENS_PER_MESSAGE = 3;
  static final int TOKENS_PER_NAME = 1;
  static final int TOKENS_PER_REPLY = 3;

  private TokenEstimator() {}

  /** A chat message as far as counting goes; {@code name} is the optional participant name. */
  public record ChatMessage(String role, String name, String content) {
    public ChatMessage(String role, String content) {
      this(role, null, content);
    }
  }

  /** Tokens in {@code text} for {@code model}'s tokenizer; 0 for null or empty text. */
  public static int count(String model, String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    // Ordinary: "<|endoftext|>" typed by a user is text to the API, not a control token.
    return encoding(model).countTokensOrdinary(text);
  }

  /** Prompt tokens of a chat request: contents and roles, plus OpenAI's framing where known. */
  public static int countChat(String model, List<ChatMessage> messages) {
    if (messages == null || messages.isEmpty()) {
      return 0;
    }
    boolean framed = isOpenAi(family(model));
    int tokens = framed ? TOKENS_PER_REPLY : 0;
    for (ChatMessage message : messages) {
      if (message == null) {
        continue;
      }
      tokens += count(model, message.content());
      if (framed) {
        tokens += TOKENS_PER_MESSAGE + count(model, message.role());
        if (message.name() != null) {
          tokens += TOKENS_PER_NAME + count(model, message.name());
        }
      }
    }
    return tokens;
  }

  /**
   * Prompt tokens of a request as the agent saw it: each chat message counted on its own with the
   * chat format's per-message tokens (OpenAI models), and any text outside the messages (a
   * system prompt given beside them) as plain text.
   */
  public static int countPrompt(String model, String text, ChatLayout layout) {
    if (text == null || text.isEmpty()) {
      return layout == null ? 0 : countChat(model, messages(text == null ? "" : text, layout));
    }
    if (layout == null || layout.messages() == 0) {
      return count(model, text);
    }
    StringBuilder outside = new StringBuilder();
    int pos = 0;
    int n = text.length();
    for (int i = 0; i < layout.messages(); i++) {
      int start = Math.min(Math.max(layout.start(i), pos), n);
      outside.append(text, pos, start);
      pos = Math.min(Math.max(layout.end(i), start), n);
    }
    outside.append(text, pos, n);
    return count(model, outside.toString().strip()) + countChat(model, messages(text, layout));
  }

  private static List<ChatMessage> messages(String text, ChatLayout layout) {
    List<ChatMessage> messages = new java.util.ArrayList<>(layout.messages());
    int n = text.length();
    for (int i = 0; i < layout.messages(); i++) {
      int start = Math.min(Math.max(layout.start(i), 0), n);
      int end = Math.min(Math.max(layout.end(i), start), n);
      messages.add(new ChatMessage(layout.role(i), layout.name(i), text.substring(start, end)));
    }
    return messages;
  }

  /**
   * As {@link #count}, but never reads a vocabulary on the caller's thread (half a second, 3.6
   * MB): until {@code model}'s is in memory, tokens are estimated from the text's length (about
   * {@value #CHARS_PER_TOKEN} characters a token) while a daemon thread reads it.
   */
  public static int countWithoutWaiting(String model, String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    return isReady(model) ? count(model, text) : fromLength(model, text.length());
  }

  /** As {@link #countPrompt}, with {@link #countWithoutWaiting}'s promise. */
  public static int countPromptWithoutWaiting(String model, String text, ChatLayout layout) {
    if (isReady(model)) {
      return countPrompt(model, text, layout);
    }
    int messages = layout == null ? 0 : layout.messages();
    return fromLength(model, text == null ? 0 : text.length()) + messages * TOKENS_PER_MESSAGE;
  }

  /** English text runs about this many characters a token in the GPT tokenizers. */
  public static final int CHARS_PER_TOKEN = 4;

  private static int fromLength(String model, int chars) {
    prepareFor(model);
    return (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
  }

  /** Whether {@code model}'s vocabulary is in memory, so counting takes microseconds. */
  public static boolean isReady(String model) {
    return usesCl100k(family(model)) ? cl100kReady : o200kReady;
  }

  private static volatile boolean o200kReady;
  private static volatile boolean cl100kReady;

  /** A Usage counted from the prompt and output text, marked estimated. */
  public static Usage estimate(String model, String promptText, String outputText) {
    return new Usage(count(model, promptText), count(model, outputText), 0, 0, 0, 0, true);
  }

  /** The tokenizer used for {@code model}: "o200k_base" or "cl100k_base". */
  public static String encodingName(String model) {
    return usesCl100k(family(model)) ? "cl100k_base" : "o200k_base";
  }

  /**
   * Loads {@code model}'s vocabulary on a daemon thread, once per encoding, so that the first
   * estimate (often made on the application's thread, when it closes a stream) does not wait
   * for it. Called when a call that will need an estimate starts (a stream without usage);
   * reading a vocabulary takes a moment on a busy machine, and memory, so not before.
   */
  public static void prepareFor(String model) {
    boolean cl100k = usesCl100k(family(model));
    java.util.concurrent.atomic.AtomicBoolean started = cl100k ? CL100K_STARTED : O200K_STARTED;
    if (started.compareAndSet(false, true)) {
      AgentThreads.daemon(() -> count(model, "warm up"), "llm-cost-agent-tokenizer").start();
    }
  }

  private static final java.util.concurrent.atomic.AtomicBoolean O200K_STARTED =
      new java.util.concurrent.atomic.AtomicBoolean();
  private static final java.util.concurrent.atomic.AtomicBoolean CL100K_STARTED =
      new java.util.concurrent.atomic.AtomicBoolean();

  private static Encoding encoding(String model) {
    return usesCl100k(family(model)) ? Cl100k.ENCODING : O200k.ENCODING;
  }

  /** The model id without vendor prefix ("openai/gpt-4o" → "gpt-4o"), lower case. */
  private static String family(String model) {
    if (model == null) {
      return "";
    }
    String m = model.trim().toLowerCase(Locale.ROOT);
    return m.substring(m.lastIndexOf('/') + 1);
  }

  private static boolean usesCl100k(String m) {
    if (m.startsWith("text-embedding") || m.startsWith("gpt-3.5") || m.startsWith("gpt-35")) {
      return true;
    }
    return m.startsWith("gpt-4") && !m.startsWith("gpt-4o") && !m.startsWith("gpt-4.1")
        && !m.startsWith("gpt-4.5");
  }

  private static boolean isOpenAi(String m) {
    return m.startsWith("gpt-") || m.startsWith("chatgpt-")
        || (m.length() > 1 && m.charAt(0) == 'o' && Character.isDigit(m.charAt(1)));
  }

  // Holder classes: each vocabulary is read the first time it is needed, exactly once.
  private static final class O200k {
    static final Encoding ENCODING =
        Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    static {
      o200kReady = true;
    }
  }

  private static final class Cl100k {
    static final Encoding ENCODING =
        Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

    static {
      cl100kReady = true;
    }
  }
}
