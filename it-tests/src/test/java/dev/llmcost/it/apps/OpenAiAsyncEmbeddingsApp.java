package dev.llmcost.it.apps;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.embeddings.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Four embeddings requested up front with the OpenAI SDK's async client, only the first read:
 * the SDK reads every answer on its own threads, the application drops three futures unread.
 * Usage: {@code OpenAiAsyncEmbeddingsApp <openai-base-url>}.
 */
public final class OpenAiAsyncEmbeddingsApp {

  public static void main(String[] args) throws Exception {
    OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(args[0]).apiKey("sk-test-sdk")
        .maxRetries(0).build();
    List<CompletableFuture<CreateEmbeddingResponse>> vectors = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      vectors.add(client.async().embeddings().create(EmbeddingCreateParams.builder()
          .model(EmbeddingModel.TEXT_EMBEDDING_3_SMALL).input("document " + i).build()));
    }
    System.out.println("### first vector read: " + (vectors.get(0).join().data().size() > 0));
    vectors = null;
    Thread.sleep(500);
    System.gc(); // the dropped futures become garbage, as they would in a running service
    Thread.sleep(1000);
    System.out.println("### done");
    client.close();
  }
}
