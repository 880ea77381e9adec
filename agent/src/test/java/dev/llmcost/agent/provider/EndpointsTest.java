package dev.llmcost.agent.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointsTest {
  private final Endpoints endpoints = Endpoints.defaults();

  private Endpoint match(String host, String path) {
    return endpoints.match("https", host, 443, path);
  }

  @Test
  void knownHostsNameTheirProvider() {
    Map<String, String> hosts = Map.ofEntries(
        Map.entry("api.openai.com", "openai"),
        Map.entry("my-resource.openai.azure.com", "azure.ai.openai"),
        Map.entry("my-resource.cognitiveservices.azure.com", "azure.ai.openai"),
        Map.entry("api.anthropic.com", "anthropic"),
        Map.entry("generativelanguage.googleapis.com", "gcp.gemini"),
        Map.entry("us-central1-aiplatform.googleapis.com", "gcp.vertex_ai"),
        Map.entry("aiplatform.googleapis.com", "gcp.vertex_ai"),
        Map.entry("api.mistral.ai", "mistral_ai"),
        Map.entry("api.groq.com", "groq"),
        Map.entry("api.deepseek.com", "deepseek"),
        Map.entry("openrouter.ai", "openrouter"),
        Map.entry("api.together.xyz", "together_ai"),
        Map.entry("api.fireworks.ai", "fireworks"),
        Map.entry("api.x.ai", "x_ai"));

    hosts.forEach((host, provider) ->
        assertEquals(new Endpoint(provider, Api.OPENAI_CHAT_COMPLETIONS, true),
            match(host, "/v1/chat/completions"), host));
  }

  @Test
  void theApiComesFromThePathSuffix() {
    assertEquals(Api.OPENAI_CHAT_COMPLETIONS, match("api.openai.com", "/v1/chat/completions").api());
    assertEquals(Api.OPENAI_COMPLETIONS, match("api.openai.com", "/v1/completions").api());
    assertEquals(Api.OPENAI_RESPONSES, match("api.openai.com", "/v1/responses").api());
    assertEquals(Api.OPENAI_EMBEDDINGS, match("api.openai.com", "/v1/embeddings").api());
    assertEquals(Api.ANTHROPIC_MESSAGES, match("api.anthropic.com", "/v1/messages").api());
    assertEquals(Api.GEMINI_GENERATE_CONTENT,
        match("generativelanguage.googleapis.com", "/v1beta/models/gemini-2.5-flash:generateContent").api());
    assertEquals(Api.GEMINI_STREAM_GENERATE_CONTENT,
        match("generativelanguage.googleapis.com", "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse").api());
    assertEquals(new Endpoint("gcp.gemini", Api.GEMINI_EMBED_CONTENT, true),
        match("generativelanguage.googleapis.com", "/v1beta/models/gemini-embedding-001:embedContent"));
    assertEquals(new Endpoint("gcp.gemini", Api.GEMINI_BATCH_EMBED_CONTENTS, true),
        match("generativelanguage.googleapis.com", "/v1beta/models/gemini-embedding-001:batchEmbedContents"));
    assertNull(match("generativelanguage.googleapis.com", "/v1beta/models/gemini-2.5-flash:countTokens"),
        "counting tokens is free");
  }

  @Test
  void azureDeploymentsAndGroqOpenAiPathsAreChatCompletions() {
    assertEquals(new Endpoint("azure.ai.openai", Api.OPENAI_CHAT_COMPLETIONS, true),
        match("contoso.openai.azure.com", "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21"));
    assertEquals(new Endpoint("azure.ai.openai", Api.OPENAI_EMBEDDINGS, true),
        match("contoso.openai.azure.com", "/openai/deployments/ada-3/embeddings"));
    assertEquals(new Endpoint("groq", Api.OPENAI_CHAT_COMPLETIONS, true),
        match("api.groq.com", "/openai/v1/chat/completions"));
    assertEquals(new Endpoint("gcp.vertex_ai", Api.GEMINI_GENERATE_CONTENT, true),
        match("europe-west4-aiplatform.googleapis.com",
            "/v1/projects/p/locations/europe-west4/publishers/google/models/gemini-2.5-pro:generateContent"));
  }

  @Test
  void anthropicTokenCountingIsNotAnLlmCallAndBatchesAreTheirOwnApi() {
    assertNull(match("api.anthropic.com", "/v1/messages/count_tokens"));
    assertEquals(Api.ANTHROPIC_BATCH_CREATE, match("api.anthropic.com", "/v1/messages/batches").api());
    // results are fetched with GET: see BatchResultsTest
    assertNull(match("api.anthropic.com", "/v1/messages/batches/msgbatch_01/results"));
  }

  @Test
  void otherPathsOnKnownHostsAreNotLlmCalls() {
    assertNull(match("api.openai.com", "/v1/files"));
    assertNull(match("api.openai.com", "/v1/models"));
    assertNull(match("api.openai.com", "/v1/responses/resp_123"));
    assertNull(match("api.openai.com", ""));
    assertNull(match("api.openai.com", null));
  }

  @Test
  void standardPathsOnUnknownHostsMatchWithoutTrustingTheHost() {
    assertEquals(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, false),
        endpoints.match("http", "localhost", 11434, "/v1/chat/completions"));
    assertEquals(new Endpoint("openai", Api.OPENAI_EMBEDDINGS, false),
        endpoints.match("http", "vllm.internal", 8000, "/v1/embeddings"));
    assertEquals(new Endpoint("anthropic", Api.ANTHROPIC_MESSAGES, false),
        endpoints.match("http", "litellm", 4000, "/v1/messages"));
    assertEquals(new Endpoint("gcp.gemini", Api.GEMINI_STREAM_GENERATE_CONTENT, false),
        endpoints.match("https", "gateway.example.com", 443, "/gemini/v1beta/models/g:streamGenerateContent"));
  }

  @Test
  void ordinaryRequestsDoNotMatch() {
    assertNull(match("example.com", "/index.html"));
    assertNull(match("example.com", "/"));
    assertNull(match("s3.amazonaws.com", "/bucket/messages"));
    assertNull(match("api.github.com", "/repos/o/r/issues"));
    assertNull(endpoints.match("https", null, 443, "/v1/chat/completions"));
  }

  @Test
  void hostCaseDoesNotMatter() {
    assertEquals(new Endpoint("anthropic", Api.ANTHROPIC_MESSAGES, true), match("API.Anthropic.COM", "/v1/messages"));
  }

  @Test
  void aMissAllocatesNothing() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Endpoints configured = Endpoints.withConfig("llm.corp.example/gw=openai.chat_completions");
    for (int i = 0; i < 200_000; i++) { // let the JIT settle first
      configured.match("https", "api.github.com", 443, "/repos/o/r/pulls");
    }

    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 100_000; i++) {
      configured.match("https", "api.github.com", 443, "/repos/o/r/pulls");
      configured.match("https", "example.com", 443, "/assets/app.js?v=3");
      configured.match("https", "api.openai.com", 443, "/v1/files");
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    assertTrue(allocated < 10_000, "allocated " + allocated + " bytes over 300k misses");
  }

  @Test
  void configuredEndpointsMatchTheirHostPortAndPathPrefix() {
    Endpoints configured = Endpoints.withConfig(
        "llm.corp.example:8443/gateway=openai.chat_completions@openai, "
            + "llm.corp.example:8443/gateway/embed=openai.embeddings, "
            + "claude-proxy=anthropic.messages@anthropic,"
            + "vertex.corp.example/gemini=gemini.generate_content@gcp.vertex_ai");

    assertEquals(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, true),
        configured.match("https", "llm.corp.example", 8443, "/gateway/generate"));
    assertEquals(new Endpoint("openai", Api.OPENAI_EMBEDDINGS, true),
        configured.match("https", "llm.corp.example", 8443, "/gateway/embed/v2"), "longest prefix wins");
    assertEquals(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, false),
        configured.match("https", "llm.corp.example", 9000, "/v1/chat/completions"), "other port: path match only");
    assertNull(configured.match("https", "llm.corp.example", 9000, "/gateway/generate"));
    assertNull(configured.match("https", "llm.corp.example", 8443, "/gateway2/generate"), "prefix ends at a segment");
    assertEquals(new Endpoint("anthropic", Api.ANTHROPIC_MESSAGES, true),
        configured.match("http", "claude-proxy", 80, "/invoke"));
    assertEquals(new Endpoint("gcp.vertex_ai", Api.GEMINI_STREAM_GENERATE_CONTENT, true),
        configured.match("https", "vertex.corp.example", 443, "/gemini/models/gemini-2.5-pro:streamGenerateContent"));
    assertEquals(new Endpoint("gcp.vertex_ai", Api.GEMINI_BATCH_EMBED_CONTENTS, true),
        configured.match("https", "vertex.corp.example", 443, "/gemini/models/gemini-embedding-001:batchEmbedContents"));
    assertEquals(new Endpoint("gcp.vertex_ai", Api.GEMINI_GENERATE_CONTENT, true),
        configured.match("https", "vertex.corp.example", 443, "/gemini/generate"), "the configured API otherwise");
    assertEquals(new Endpoint("openai", Api.OPENAI_CHAT_COMPLETIONS, true),
        configured.match("https", "api.openai.com", 443, "/v1/chat/completions"), "built-ins still apply");
  }

  @Test
  void malformedConfigEntriesAreSkippedWithOneWarningEachNamingThem() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    Endpoints configured;
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      configured = Endpoints.withConfig(
          "good.example=openai.responses,no-equals-sign,bad.example=openai.chat,"
              + "port.example:99999=anthropic.messages,=openai.embeddings,[::1]:8080=anthropic.messages@anthropic");
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);

    assertEquals(new Endpoint("openai", Api.OPENAI_RESPONSES, true), configured.match("https", "good.example", 443, "/x"));
    assertEquals(new Endpoint("anthropic", Api.ANTHROPIC_MESSAGES, true), configured.match("http", "::1", 8080, "/x"));
    assertEquals(new Endpoint("anthropic", Api.ANTHROPIC_MESSAGES, true),
        configured.match("http", "[::1]", 8080, "/x"), "as URI.getHost() and URL.getHost() give it");
    assertEquals(4, log.lines().count(), log);
    assertTrue(log.contains("'no-equals-sign'"), log);
    assertTrue(log.contains("'bad.example=openai.chat'"), log);
    assertTrue(log.contains("'port.example:99999=anthropic.messages'"), log);
    assertTrue(log.contains("'=openai.embeddings'"), log);
  }

  @Test
  void everyApiHasACodec() {
    for (Api api : Api.values()) {
      assertNotNull(Endpoints.codecFor(api), api.name());
    }
    assertTrue(Endpoints.codecFor(Api.ANTHROPIC_MESSAGES) instanceof AnthropicCodec);
    assertTrue(Endpoints.codecFor(Api.GEMINI_STREAM_GENERATE_CONTENT) instanceof GeminiCodec);
    assertTrue(Endpoints.codecFor(Api.OPENAI_RESPONSES) instanceof OpenAiCodec);
    assertNull(Endpoints.codecFor(null));
  }
}
