package dev.llmcost.it.apps;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.io.CloseMode;

/**
 * {@link ApacheSpendApp}'s spend with Apache HttpClient 5's async client: five calls (gpt-4o,
 * $0.0045 each, one after the other, half a second apart), each with a callback, printing how
 * the future and the callback ended.
 * Usage: {@code ApacheAsyncSpendApp <provider-base-url>}.
 */
public final class ApacheAsyncSpendApp {
  public static void main(String[] args) throws Exception {
    CloseableHttpAsyncClient client = HttpAsyncClients.custom().disableAutomaticRetries().build();
    try {
      client.start();
      for (int i = 1; i <= 5; i++) {
        CompletableFuture<String> callback = new CompletableFuture<>();
        Thread caller = Thread.currentThread();
        Future<SimpleHttpResponse> future = client.execute(
            SimpleRequestBuilder.post(args[0] + "/v1/chat/completions")
                .addHeader("x-fake-behaviour", "input=1000; output=200")
                .setBody(LlmBodies.openAi("gpt-4o", false), ContentType.APPLICATION_JSON).build(),
            new FutureCallback<>() {
              @Override
              public void completed(SimpleHttpResponse result) {
                callback.complete("completed");
              }

              @Override
              public void failed(Exception ex) {
                callback.complete("failed " + ex.getClass().getName()
                    + (Thread.currentThread() == caller ? " on the caller's thread" : ""));
              }

              @Override
              public void cancelled() {
                callback.complete("cancelled");
              }
            });
        String outcome;
        try {
          outcome = String.valueOf(future.get(20, TimeUnit.SECONDS).getCode());
        } catch (ExecutionException e) {
          outcome = "failed " + e.getCause().getClass().getName() + ": " + e.getCause().getMessage();
        }
        System.out.println("### call " + i + " " + outcome + " | callback "
            + callback.get(20, TimeUnit.SECONDS));
        // the client completes the future on its I/O thread, before the agent has settled the
        // call and counted its spend: the next call waits for that, as the budget docs say
        Thread.sleep(500);
      }
    } finally {
      client.close(CloseMode.IMMEDIATE);
    }
  }
}
