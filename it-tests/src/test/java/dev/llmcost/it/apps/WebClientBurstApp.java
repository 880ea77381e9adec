package dev.llmcost.it.apps;

import java.time.Duration;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Twenty WebClient calls at once (each answered after 300 ms), then four slow calls (1.5 s) beside
 * three that give up after 100 ms, then four more: with a concurrency limit of four, the three
 * that gave up gave up waiting, sent nothing, and left no slot taken. Prints how many of each
 * phase were answered. Usage: {@code WebClientBurstApp <provider-base-url>}.
 */
public final class WebClientBurstApp {
  private static WebClient web;

  public static void main(String[] args) {
    web = WebClient.create(args[0]);
    List<String> burst = Flux.range(0, 20).flatMap(i -> call("item " + i, "header-delay=300ms"), 20)
        .collectList().block(Duration.ofSeconds(60));
    System.out.println("### burst answered " + burst.size());

    Mono<List<String>> slow = Flux.range(0, 4).flatMap(i -> call("slow " + i, "header-delay=1500ms"), 4)
        .collectList().cache();
    slow.subscribe();
    sleep(500); // the four slow calls are sent first, even on a loaded machine
    long gaveUp = Flux.range(0, 3)
        .flatMap(i -> call("impatient " + i, "header-delay=0ms").timeout(Duration.ofMillis(100))
            .map(body -> "answered").onErrorReturn("gave up"))
        .filter("gave up"::equals).count().block(Duration.ofSeconds(10));
    System.out.println("### impatient gave up " + gaveUp);
    System.out.println("### slow answered " + slow.block(Duration.ofSeconds(10)).size());
    List<String> after = Flux.range(0, 4).flatMap(i -> call("after " + i, "header-delay=0ms"), 4)
        .collectList().block(Duration.ofSeconds(10));
    System.out.println("### after answered " + after.size());
  }

  private static Mono<String> call(String item, String behaviour) {
    return web.post().uri("/v1/chat/completions")
        .contentType(MediaType.APPLICATION_JSON)
        .header("x-fake-behaviour", "input=1000; output=200; " + behaviour)
        .bodyValue("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + item + "\"}]}")
        .retrieve().bodyToMono(String.class);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
