package dev.llmcost.it.apps;

import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Google's Gen AI Java SDK, unchanged, against the fake provider's Gemini API: a call, a stream
 * read to its end, an async call whose future is read, upfront firing through the async client
 * (five checks started, the first read, the rest dropped), and embeddings. Usage:
 * {@code GoogleGenAiApp <base-url>}.
 */
public final class GoogleGenAiApp {
  private static final String MODEL = "gemini-2.5-flash";
  private static Client client;

  public static void main(String[] args) throws Exception {
    client = Client.builder().apiKey("test-gemini-key")
        .httpOptions(HttpOptions.builder().baseUrl(args[0])
            .headers(Map.of("x-fake-behaviour", "input=2000; output=100")).build())
        .build();
    System.out.println("### chat " + chat().text());
    System.out.println("### stream chunks " + stream());
    System.out.println("### async " + askAsync().get().text());
    System.out.println("### valid " + checkAll());
    System.out.println("### embedded " + embed());
    System.out.println("### settled before exit "
        + SettledCalls.whileCollecting(10));
    client.close();
  }

  static GenerateContentResponse chat() {
    return client.models.generateContent(MODEL, "Say hello", null);
  }

  static int stream() {
    int chunks = 0;
    try (ResponseStream<GenerateContentResponse> stream =
        client.models.generateContentStream(MODEL, "Tell a story", null)) {
      for (GenerateContentResponse chunk : stream) {
        chunks++;
      }
    }
    return chunks;
  }

  static CompletableFuture<GenerateContentResponse> askAsync() {
    return client.async.models.generateContent(MODEL, "Say hello, later", null);
  }

  /** One text, then three in one request: the Gemini API answers without token counts. */
  static int embed() {
    int vectors = client.models.embedContent("gemini-embedding-001",
        "The quick brown fox jumps over the lazy dog", null).embeddings().orElseThrow().size();
    return vectors + client.models.embedContent("gemini-embedding-001",
        List.of("first passage to index", "second passage to index", "third passage to index"), null)
        .embeddings().orElseThrow().size();
  }

  /** Every check started up front; the first answer fails validation and the rest are dropped. */
  static boolean checkAll() throws Exception {
    List<CompletableFuture<GenerateContentResponse>> checks = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      checks.add(client.async.models.generateContent(MODEL, "Is document " + i + " valid?", null));
    }
    for (CompletableFuture<GenerateContentResponse> check : checks) {
      if (!check.get().text().isEmpty()) {
        return false; // early return: the other answers are never read
      }
    }
    return true;
  }
}
