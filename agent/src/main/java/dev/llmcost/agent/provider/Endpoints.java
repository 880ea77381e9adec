package dev.llmcost.agent.provider;

import dev.llmcost.agent.AgentLog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides whether an HTTP request is an LLM call, and which provider and wire format it is, from
 * its host, port and path alone. Called for every outgoing request, so a non-LLM request costs a
 * hash lookup and a few {@code endsWith}-style checks: no regex, no allocation.
 *
 * <p>Known provider hosts give their provider; on any other host (localhost, vLLM, Ollama, LiteLLM,
 * gateways) the standard API paths still match, with {@code knownHost=false} so the caller checks
 * the body first. Entries from {@code llmcost.endpoints} come before both.
 */
public final class Endpoints {
  /** The configuration key holding extra endpoints. */
  public static final String CONFIG_KEY = "llmcost.endpoints";

  private static final Map<String, String> KNOWN_HOSTS = new HashMap<>();
  private static final String[][] KNOWN_HOST_SUFFIXES = {
    {".openai.azure.com", "azure.ai.openai"},
    {".cognitiveservices.azure.com", "azure.ai.openai"},
    {"-aiplatform.googleapis.com", "gcp.vertex_ai"},
  };
  private static final Map<String, Api> CONFIG_API_NAMES = new HashMap<>();
  private static final Map<Api, Endpoint> UNKNOWN_HOST_ENDPOINTS = new EnumMap<>(Api.class);
  private static final Map<Api, ProviderCodec> CODECS = new EnumMap<>(Api.class);
  private static final Endpoints DEFAULTS = new Endpoints(Map.of());

  static {
    KNOWN_HOSTS.put("api.openai.com", "openai");
    KNOWN_HOSTS.put("api.anthropic.com", "anthropic");
    KNOWN_HOSTS.put("generativelanguage.googleapis.com", "gcp.gemini");
    KNOWN_HOSTS.put("aiplatform.googleapis.com", "gcp.vertex_ai");
    KNOWN_HOSTS.put("api.mistral.ai", "mistral_ai");
    KNOWN_HOSTS.put("api.groq.com", "groq");
    KNOWN_HOSTS.put("api.deepseek.com", "deepseek");
    KNOWN_HOSTS.put("openrouter.ai", "openrouter");
    KNOWN_HOSTS.put("api.together.xyz", "together_ai");
    KNOWN_HOSTS.put("api.fireworks.ai", "fireworks");
    KNOWN_HOSTS.put("api.x.ai", "x_ai");

    CONFIG_API_NAMES.put("openai.chat_completions", Api.OPENAI_CHAT_COMPLETIONS);
    CONFIG_API_NAMES.put("openai.completions", Api.OPENAI_COMPLETIONS);
    CONFIG_API_NAMES.put("openai.responses", Api.OPENAI_RESPONSES);
    CONFIG_API_NAMES.put("openai.embeddings", Api.OPENAI_EMBEDDINGS);
    CONFIG_API_NAMES.put("anthropic.messages", Api.ANTHROPIC_MESSAGES);
    CONFIG_API_NAMES.put("gemini.generate_content", Api.GEMINI_GENERATE_CONTENT);
    CONFIG_API_NAMES.put("gemini.stream_generate_content", Api.GEMINI_STREAM_GENERATE_CONTENT);

    for (Api api : Api.values()) {
      UNKNOWN_HOST_ENDPOINTS.put(api, new Endpoint(defaultProvider(api), api, false));
      CODECS.put(api, switch (api) {
        case ANTHROPIC_MESSAGES -> new AnthropicCodec();
        case GEMINI_GENERATE_CONTENT, GEMINI_STREAM_GENERATE_CONTENT, GEMINI_EMBED_CONTENT,
            GEMINI_BATCH_EMBED_CONTENTS -> new GeminiCodec(api);
        case OPENAI_BATCH_CREATE, OPENAI_BATCH_RESULTS, ANTHROPIC_BATCH_CREATE,
            ANTHROPIC_BATCH_RESULTS -> new BatchCodec(api);
        default -> new OpenAiCodec(api);
      });
    }
  }

  /** One {@code llmcost.endpoints} entry. */
  private record Configured(int port, String pathPrefix, Endpoint endpoint) {
    boolean matches(int requestPort, String path) {
      return (port < 0 || port == requestPort) && underPrefix(path);
    }

    // "/gateway" covers "/gateway" and "/gateway/..." but not "/gateway2".
    private boolean underPrefix(String path) {
      if (!path.startsWith(pathPrefix)) {
        return false;
      }
      if (path.length() == pathPrefix.length() || pathPrefix.endsWith("/")) {
        return true;
      }
      char next = path.charAt(pathPrefix.length());
      return next == '/' || next == '?';
    }
  }

  private final Map<String, Configured[]> configured;

  private Endpoints(Map<String, Configured[]> configured) {
    this.configured = configured;
  }

  /** The built-in hosts and paths only. */
  public static Endpoints defaults() {
    return DEFAULTS;
  }

  /**
   * The built-in endpoints plus those in {@code config}, the value of {@code llmcost.endpoints}:
   * {@code host[:port][/pathPrefix]=api[@provider]} entries separated by commas or semicolons (use
   * semicolons inside {@code -javaagent} arguments, which are comma-separated), where api is one of
   * openai.chat_completions, openai.completions, openai.responses, openai.embeddings,
   * anthropic.messages, gemini.generate_content (whose streams and embeddings the path tells
   * apart). Every request to that host (and port, when given)
   * under the path prefix is then a call of that API, so give a prefix when the host also serves
   * other things. A malformed entry is skipped with one warning naming it; the others still apply.
   */
  public static Endpoints withConfig(String config) {
    if (config == null || config.isBlank()) {
      return DEFAULTS;
    }
    Map<String, List<Configured>> byHost = new HashMap<>();
    for (String raw : config.split("[,;]")) {
      String entry = raw.trim();
      if (entry.isEmpty()) {
        continue;
      }
      try {
        parseEntry(entry, byHost);
      } catch (IllegalArgumentException e) {
        AgentLog.warn(CONFIG_KEY + ": ignoring malformed entry '" + entry + "' (" + e.getMessage()
            + "); expected host[:port][/pathPrefix]=api[@provider]");
      }
    }
    Map<String, Configured[]> result = new HashMap<>();
    byHost.forEach((host, list) -> {
      Configured[] entries = list.toArray(new Configured[0]);
      // Most specific first: a longer prefix, then a given port, wins.
      Arrays.sort(entries, Comparator.comparingInt((Configured c) -> -c.pathPrefix().length())
          .thenComparingInt(c -> c.port() < 0 ? 1 : 0));
      result.put(host, entries);
    });
    return new Endpoints(result);
  }

  private static void parseEntry(String entry, Map<String, List<Configured>> byHost) {
    int equals = entry.indexOf('=');
    if (equals <= 0 || equals == entry.length() - 1) {
      throw new IllegalArgumentException("no host=api");
    }
    String target = entry.substring(0, equals).trim();
    String apiAndProvider = entry.substring(equals + 1).trim();

    int at = apiAndProvider.indexOf('@');
    String apiName = (at < 0 ? apiAndProvider : apiAndProvider.substring(0, at)).trim();
    Api api = CONFIG_API_NAMES.get(apiName.toLowerCase(Locale.ROOT));
    if (api == null) {
      throw new IllegalArgumentException("unknown api '" + apiName + "'");
    }
    String provider = at < 0 ? defaultProvider(api) : apiAndProvider.substring(at + 1).trim();
    if (!isToken(provider)) {
      throw new IllegalArgumentException("bad provider '" + provider + "'");
    }

    int slash = target.indexOf('/');
    String pathPrefix = slash < 0 ? "/" : target.substring(slash);
    String hostPort = slash < 0 ? target : target.substring(0, slash);
    String host = hostPort;
    int port = -1;
    int portColon = hostPort.startsWith("[") ? hostPort.indexOf(':', hostPort.indexOf(']'))
        : hostPort.lastIndexOf(':');
    if (portColon >= 0) {
      host = hostPort.substring(0, portColon);
      port = parsePort(hostPort.substring(portColon + 1));
    }
    host = withoutBrackets(host); // an IPv6 literal is matched without its brackets
    if (!isHost(host)) {
      throw new IllegalArgumentException("bad host '" + host + "'");
    }
    byHost.computeIfAbsent(host.toLowerCase(Locale.ROOT), h -> new ArrayList<>())
        .add(new Configured(port, pathPrefix, new Endpoint(provider, api, true)));
  }

  private static int parsePort(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException("bad port '" + text + "'");
  }

  private static boolean isHost(String host) {
    if (host.isEmpty()) {
      return false;
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == ':')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_')) {
        return false;
      }
    }
    return true;
  }

  /**
   * The LLM endpoint a request goes to, or null when it is not an LLM call.
   *
   * @param scheme "http" or "https" (not used for matching today)
   * @param path the request path; a query string, if included, is ignored
   */
  public Endpoint match(String scheme, String host, int port, String path) {
    if (host == null) {
      return null;
    }
    host = withoutBrackets(host);
    if (path == null) {
      path = "";
    }
    try {
      if (!configured.isEmpty()) {
        Endpoint endpoint = matchConfigured(host, port, path);
        if (endpoint != null) {
          return endpoint;
        }
      }
      Api api = apiFromPath(path);
      if (api == null) {
        return null;
      }
      String provider = knownProvider(host);
      if (provider == null && hasUpperCase(host)) {
        provider = knownProvider(host.toLowerCase(Locale.ROOT));
      }
      return provider == null ? UNKNOWN_HOST_ENDPOINTS.get(api) : new Endpoint(provider, api, true);
    } catch (RuntimeException e) {
      AgentLog.failure("endpoint matching", e);
      return null;
    }
  }

  private Endpoint matchConfigured(String host, int port, String path) {
    Configured[] entries = configured.get(host);
    if (entries == null && hasUpperCase(host)) {
      entries = configured.get(host.toLowerCase(Locale.ROOT));
    }
    if (entries == null) {
      return null;
    }
    for (Configured entry : entries) {
      if (entry.matches(port, path)) {
        Endpoint endpoint = entry.endpoint();
        Api byPath = endpoint.api().isGemini() ? apiFromPath(path) : null;
        if (byPath != null && byPath.isGemini() && byPath != endpoint.api()) {
          return new Endpoint(endpoint.provider(), byPath, true); // a stream, an embedding
        }
        return endpoint;
      }
    }
    return null;
  }

  /** The provider of a known LLM host, or null. */
  static String knownProvider(String host) {
    String provider = KNOWN_HOSTS.get(host);
    if (provider != null) {
      return provider;
    }
    for (String[] suffix : KNOWN_HOST_SUFFIXES) {
      if (host.endsWith(suffix[0])) {
        return suffix[1];
      }
    }
    return null;
  }

  /** The API a path's last segment names, or null. */
  static Api apiFromPath(String path) {
    int end = queryStart(path);
    if (end == 0) {
      return null;
    }
    char last = path.charAt(end - 1);
    if (last == 's') {
      if (endsWith(path, end, "/completions")) {
        return endsWith(path, end, "/chat/completions") ? Api.OPENAI_CHAT_COMPLETIONS : Api.OPENAI_COMPLETIONS;
      }
      if (endsWith(path, end, "/responses")) {
        return Api.OPENAI_RESPONSES;
      }
      if (endsWith(path, end, "/embeddings")) {
        return Api.OPENAI_EMBEDDINGS;
      }
      if (endsWith(path, end, "/v1/messages")) {
        return Api.ANTHROPIC_MESSAGES; // not /v1/messages/count_tokens nor /v1/messages/batches
      }
      if (endsWith(path, end, ":batchEmbedContents")) {
        return Api.GEMINI_BATCH_EMBED_CONTENTS;
      }
      if (endsWith(path, end, "/batches")) {
        return endsWith(path, end, "/messages/batches") ? Api.ANTHROPIC_BATCH_CREATE
            : Api.OPENAI_BATCH_CREATE;
      }
    } else if (last == 't') {
      if (endsWith(path, end, ":generateContent")) {
        return Api.GEMINI_GENERATE_CONTENT;
      }
      if (endsWith(path, end, ":streamGenerateContent")) {
        return Api.GEMINI_STREAM_GENERATE_CONTENT;
      }
      if (endsWith(path, end, ":embedContent")) {
        return Api.GEMINI_EMBED_CONTENT;
      }
    }
    return null;
  }

  /**
   * A GET that downloads a batch's results ({@code /v1/files/{id}/content} at OpenAI,
   * {@code /v1/messages/batches/{id}/results} at Anthropic), or null. Called for every GET, so
   * it is two {@code endsWith} checks for anything else. An OpenAI file that holds no batch
   * results is dropped once its lines are read.
   */
  /** An IPv6 literal as java.net.URI and URL give it, "[::1]", as configured, "::1". */
  private static String withoutBrackets(String host) {
    int n = host.length();
    return n > 2 && host.charAt(0) == '[' && host.charAt(n - 1) == ']' ? host.substring(1, n - 1) : host;
  }

  public Endpoint matchBatchResults(String host, String path) {
    if (host == null || path == null) {
      return null;
    }
    host = withoutBrackets(host);
    int end = queryStart(path);
    Api api = null;
    if (endsWith(path, end, "/results") && path.lastIndexOf("/messages/batches/", end) >= 0) {
      api = Api.ANTHROPIC_BATCH_RESULTS;
    } else if (endsWith(path, end, "/content") && isOpenAiFile(path)) {
      api = Api.OPENAI_BATCH_RESULTS;
    }
    if (api == null) {
      return null;
    }
    String provider = knownProvider(host);
    if (provider == null && hasUpperCase(host)) {
      provider = knownProvider(host.toLowerCase(Locale.ROOT));
    }
    return provider == null ? UNKNOWN_HOST_ENDPOINTS.get(api) : new Endpoint(provider, api, true);
  }

  /** {@code /v1/files/file-...} (OpenAI) or {@code /openai/files/file-...} (Azure OpenAI). */
  private static boolean isOpenAiFile(String path) {
    int files = path.indexOf("/files/file-");
    return files >= 0 && (path.startsWith("/v1", files - 3) || path.startsWith("/openai", files - 7));
  }

  private static int queryStart(String path) {
    int query = path.indexOf('?');
    return query < 0 ? path.length() : query;
  }

  private static boolean endsWith(String s, int end, String suffix) {
    int start = end - suffix.length();
    return start >= 0 && s.regionMatches(start, suffix, 0, suffix.length());
  }

  private static boolean hasUpperCase(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        return true;
      }
    }
    return false;
  }

  private static String defaultProvider(Api api) {
    return switch (api) {
      case ANTHROPIC_MESSAGES, ANTHROPIC_BATCH_CREATE, ANTHROPIC_BATCH_RESULTS -> "anthropic";
      default -> api.isGemini() ? "gcp.gemini" : "openai";
    };
  }

  /** The codec for an API's wire format (shared, stateless), or null for null. */
  public static ProviderCodec codecFor(Api api) {
    return api == null ? null : CODECS.get(api);
  }
}
