package dev.llmcost.agent.provider;

import java.util.Arrays;

/**
 * Where each chat message's text sits in {@link RequestInfo#promptText()}, with its role and
 * name: what a token estimate needs to add the chat format's per-message tokens and to count each
 * message on its own, as the provider does. Text outside every message (Anthropic's
 * {@code system}, Responses {@code instructions}) is counted as plain text.
 */
public final class ChatLayout {
  public static final ChatLayout NONE = new ChatLayout(new int[0], new int[0], new String[0],
      new String[0], 0);

  private final int[] starts;
  private final int[] ends;
  private final String[] roles;
  private final String[] names;
  private final int size;

  ChatLayout(int[] starts, int[] ends, String[] roles, String[] names, int size) {
    this.starts = starts;
    this.ends = ends;
    this.roles = roles;
    this.names = names;
    this.size = size;
  }

  public int messages() {
    return size;
  }

  /** Offset of message {@code i}'s first character in the prompt text (its end when empty). */
  public int start(int i) {
    return starts[i];
  }

  public int end(int i) {
    return ends[i];
  }

  /** Null when the message named no role. */
  public String role(int i) {
    return roles[i];
  }

  public String name(int i) {
    return names[i];
  }

  /** The layout of the first {@code n} messages only (a prompt's prefix). */
  public ChatLayout firstMessages(int n) {
    int k = Math.max(0, Math.min(n, size));
    return k == size ? this : new ChatLayout(starts, ends, roles, names, k);
  }

  /** Collects a layout as the request's JSON is scanned. */
  static final class Builder {
    private int[] starts = new int[4];
    private int[] ends = new int[4];
    private String[] roles = new String[4];
    private String[] names = new String[4];
    private int size;
    private boolean open;
    private boolean startPending;

    void messageStarts() {
      if (size == starts.length) {
        starts = Arrays.copyOf(starts, size * 2);
        ends = Arrays.copyOf(ends, size * 2);
        roles = Arrays.copyOf(roles, size * 2);
        names = Arrays.copyOf(names, size * 2);
      }
      size++;
      open = true;
      startPending = true;
    }

    /** Text is about to be appended at {@code offset} (after any separator). */
    void textAt(int offset) {
      if (open && startPending) {
        starts[size - 1] = offset;
        startPending = false;
      }
    }

    void messageEnds(int textLength) {
      if (!open) {
        return;
      }
      if (startPending) {
        starts[size - 1] = textLength;
      }
      ends[size - 1] = textLength;
      open = false;
      startPending = false;
    }

    void role(String role) {
      if (open) {
        roles[size - 1] = role;
      }
    }

    void name(String name) {
      if (open) {
        names[size - 1] = name;
      }
    }

    ChatLayout build() {
      if (size == 0) {
        return NONE;
      }
      if (open) {
        messageEnds(starts[size - 1]); // a body cut inside a message: keep what was seen
      }
      return new ChatLayout(starts, ends, roles, names, size);
    }
  }
}
