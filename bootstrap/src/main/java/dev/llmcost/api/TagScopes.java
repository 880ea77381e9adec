package dev.llmcost.api;

import java.util.HashMap;
import java.util.Map;

/** Each thread's open tags, innermost first; scopes closed out of order are skipped, then dropped. */
final class TagScopes {
  private final ThreadLocal<Tag> innermost = new ThreadLocal<>();

  Tag open(String key, String value) {
    Tag tag = new Tag(key, value, innermost.get(), this);
    innermost.set(tag);
    return tag;
  }

  void closed(Tag tag) {
    if (innermost.get() != tag) {
      return; // closed on another thread, or out of order: skipped when read, dropped when its inner scopes close
    }
    Tag open = tag.outer;
    while (open != null && open.closed) {
      open = open.outer;
    }
    if (open == null) {
      innermost.remove();
    } else {
      innermost.set(open);
    }
  }

  Map<String, String> current() {
    Tag tag = innermost.get();
    if (tag == null) {
      return Map.of();
    }
    Map<String, String> tags = new HashMap<>();
    for (; tag != null; tag = tag.outer) {
      if (!tag.closed) {
        tags.putIfAbsent(tag.key, tag.value);
      }
    }
    return tags;
  }
}
