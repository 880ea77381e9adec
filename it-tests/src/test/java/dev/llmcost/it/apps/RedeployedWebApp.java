package dev.llmcost.it.apps;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * One deployment of a web application: loaded by a class loader of its own (with its own
 * httpclient5), it makes LLM calls with the JDK HttpClient (blocking, async, streamed) and with
 * Apache HttpClient 5, then is undeployed. See {@link RedeployingServerApp}.
 */
public final class RedeployedWebApp {
  private RedeployedWebApp() {}

  /** Returns how many answers were 200. */
  public static int serve(String base) throws Exception {
    int ok = 0;
    HttpClient jdk = HttpClient.newHttpClient();
    for (boolean stream : new boolean[] {false, true}) {
      HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
          .header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(LlmBodies.openAi(stream)))
          .build();
      ok += jdk.send(request, BodyHandlers.ofString()).statusCode() == 200 ? 1 : 0;
      ok += jdk.sendAsync(request, BodyHandlers.ofString()).join().statusCode() == 200 ? 1 : 0;
    }
    try (CloseableHttpClient apache = HttpClients.createDefault()) {
      HttpPost post = new HttpPost(base + "/v1/messages");
      post.setEntity(new StringEntity(LlmBodies.anthropic(false), ContentType.APPLICATION_JSON));
      ok += apache.execute(post, r -> {
        EntityUtils.consume(r.getEntity());
        return r.getCode() == 200 ? 1 : 0;
      });
    }
    return ok;
  }
}
