package dev.llmcost.agent.provider;

import java.util.HashMap;
import java.util.Map;

/**
 * The JSON paths a {@link JsonScanner} should look at, as a tree of field names. Paths use dots
 * between fields and {@code []} for "any array element": {@code usage.prompt_tokens},
 * {@code choices[].finish_reason}, {@code [].usageMetadata} (elements of a root array).
 *
 * <p>A path names a scalar, or a container whose whole subtree is wanted when nothing below it is
 * listed. Everything not on a listed path is skipped without being materialised. Immutable and
 * shareable between threads.
 */
public final class JsonPaths {
  static final String ELEMENT = "[]";

  /** One step of the tree. Its path is computed once, so reporting a declared path allocates nothing. */
  static final class Node {
    final String path;
    final Map<String, Node> fields = new HashMap<>(4);
    Node element;
    /** Listed itself: a scalar here is reported; with no children, its whole subtree is wanted. */
    boolean listed;

    Node(String path) {
      this.path = path;
    }

    boolean wantsWholeSubtree() {
      return listed && fields.isEmpty() && element == null;
    }
  }

  final Node root = new Node("");

  private JsonPaths() {}

  public static JsonPaths of(String... paths) {
    JsonPaths result = new JsonPaths();
    for (String path : paths) {
      result.add(path);
    }
    return result;
  }

  private void add(String path) {
    Node node = root;
    int i = 0;
    int n = path.length();
    while (i < n) {
      if (path.startsWith(ELEMENT, i)) {
        if (node.element == null) {
          node.element = new Node(node.path + ELEMENT);
        }
        node = node.element;
        i += ELEMENT.length();
      } else {
        if (path.charAt(i) == '.') {
          i++;
        }
        int end = i;
        while (end < n && path.charAt(end) != '.' && !path.startsWith(ELEMENT, end)) {
          end++;
        }
        String name = path.substring(i, end);
        Node parent = node;
        node = parent.fields.computeIfAbsent(name, k -> new Node(childPath(parent.path, k)));
        i = end;
      }
    }
    node.listed = true;
  }

  static String childPath(String parentPath, String fieldName) {
    return parentPath.isEmpty() ? fieldName : parentPath + '.' + fieldName;
  }
}
