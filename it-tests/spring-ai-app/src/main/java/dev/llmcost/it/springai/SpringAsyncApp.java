package dev.llmcost.it.springai;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * Upfront firing through Spring's {@code @Async}: a service checks documents with a Spring AI
 * chat model in {@code @Async} methods returning {@code CompletableFuture}s; the application asks
 * for every check first, reads the first answer and returns at once, dropping five futures. Beside
 * it, translations are fired and forgotten on purpose by another {@code @Async} method of the same
 * service (Spring runs both through the same task lambda): their futures are never read. Then
 * garbage is collected, as a running service would, until the agent's run report counts all
 * nine calls. Usage: {@code SpringAsyncApp <provider-base-url>}.
 */
@Configuration
@EnableAsync
public class SpringAsyncApp {
  private static String baseUrl;

  /** The service: each method one chat call on a thread of Spring's default async executor. */
  public static class Documents {
    private final ChatModel model;

    public Documents(ChatModel model) {
      this.model = model;
    }

    @Async
    public CompletableFuture<String> check(int document) {
      return CompletableFuture.completedFuture(model.call("Does document " + document + " comply?"));
    }

    @Async
    public CompletableFuture<String> translate(int document) {
      return CompletableFuture.completedFuture(model.call("Translate document " + document));
    }
  }

  @Bean
  public Documents documents() {
    return new Documents(OpenAiChatModel.builder()
        .options(OpenAiChatOptions.builder()
            .baseUrl(baseUrl + "/v1")
            .apiKey("sk-test-spring-ai")
            .model("gpt-4o-mini")
            .maxRetries(0)
            .customHeaders(Map.of("x-fake-behaviour", "input=1500; output=120"))
            .build())
        .build());
  }

  public static void main(String[] args) throws Exception {
    baseUrl = args[0];
    try (AnnotationConfigApplicationContext context =
        new AnnotationConfigApplicationContext(SpringAsyncApp.class)) {
      Documents documents = context.getBean(Documents.class);
      System.out.println("### valid " + allComply(documents));
      for (int i = 0; i < 3; i++) {
        documents.translate(100 + i); // fired and forgotten on purpose
      }
      System.out.println("### settled " + settledWhileCollecting(9));
    }
    System.out.println("### done");
    System.exit(0); // Spring AI's OkHttp threads are not daemons
  }

  static boolean allComply(Documents documents) {
    List<CompletableFuture<String>> checks = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      checks.add(documents.check(i));
    }
    for (CompletableFuture<String> check : checks) {
      if (!check.join().isEmpty()) {
        return false; // the first answer fails: the other five are never read
      }
    }
    return true;
  }

  /** Collects garbage until the agent's run report counts {@code calls}, or 15 s pass. */
  static long settledWhileCollecting(long calls) throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName report = new ObjectName("dev.llmcost:type=RunReport");
    long settled = 0;
    for (long end = System.nanoTime() + 15_000_000_000L; System.nanoTime() < end && settled < calls; ) {
      System.gc();
      Thread.sleep(100);
      if (server.isRegistered(report)) {
        settled = (Long) server.getAttribute(report, "Calls");
      }
    }
    return settled;
  }
}
