package dev.llmcost.agent.http.jdk;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class JdkCallCancelTest {
  /** The exit may cancel a call between its registration and sendAsync's return. */
  @Test
  void futuresHandedOverAfterTheCancelAreStoppedAtOnce() {
    JdkCallCancel cancel = new JdkCallCancel();
    cancel.cancel();
    CompletableFuture<String> client = new CompletableFuture<>();
    CompletableFuture<String> application = new CompletableFuture<>();
    cancel.setFutures(client, application);
    assertTrue(client.isCancelled(), "the client's exchange is aborted");
    ExecutionException e = assertThrows(ExecutionException.class, application::get);
    assertTrue(e.getCause() instanceof IOException, "the application sees a dropped connection");
  }
}
