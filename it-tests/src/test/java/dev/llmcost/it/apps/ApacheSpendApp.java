package dev.llmcost.it.apps;

import java.io.IOException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * {@link LlmBurstApp}'s {@code sequential} spend with the classic Apache HttpClient 5: five
 * calls (gpt-4o, 1000 input and 200 output tokens: $0.0045 each), printing how each ended.
 * Usage: {@code ApacheSpendApp <provider-base-url>}.
 */
public final class ApacheSpendApp {
  public static void main(String[] args) throws IOException {
    try (CloseableHttpClient client = HttpClients.createDefault()) {
      for (int i = 1; i <= 5; i++) {
        HttpPost post = new HttpPost(args[0] + "/v1/chat/completions");
        post.setHeader("x-fake-behaviour", "input=1000; output=200");
        post.setEntity(new StringEntity(LlmBodies.openAi("gpt-4o", false), ContentType.APPLICATION_JSON));
        try {
          int code = client.execute(post, response -> {
            EntityUtils.toString(response.getEntity());
            return response.getCode();
          });
          System.out.println("### call " + i + " " + code);
        } catch (IOException e) {
          System.out.println("### call " + i + " failed " + e.getClass().getName() + ": " + e.getMessage());
        }
      }
    }
  }
}
