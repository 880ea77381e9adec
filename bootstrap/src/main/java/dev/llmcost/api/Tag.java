package dev.llmcost.api;

/** An open tag scope: close it (try-with-resources) to stop tagging calls with it. */
public final class Tag implements AutoCloseable {
  /** What {@link LlmCost#tag} returns without the agent. */
  static final Tag NONE = new Tag(null, null, null, null);

  final String key;
  final String value;
  final Tag outer;
  private final TagScopes scopes;
  volatile boolean closed;

  Tag(String key, String value, Tag outer, TagScopes scopes) {
    this.key = key;
    this.value = value;
    this.outer = outer;
    this.scopes = scopes;
  }

  @Override
  public void close() {
    if (scopes != null && !closed) {
      closed = true;
      scopes.closed(this);
    }
  }
}
