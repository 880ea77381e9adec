package dev.llmcost.it.apps;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Streams chat completions with {@code sendAsync(request, BodyHandlers.fromLineSubscriber(...))},
 * where the lines go to the application's own subscriber and the future completes only at the end
 * of the body. Three ways to use it, one model each so their spans can be told apart:
 * <ul>
 *   <li>{@code join} (gpt-4o-mini): joins the future, as well as reading the lines;</li>
 *   <li>{@code subscriber-only} (gpt-4o): never touches the future, only its subscriber;</li>
 *   <li>{@code cancel} (gpt-4.1-mini): its subscriber cancels after the first line.</li>
 * </ul>
 * Prints the lines' count and the kinds of thread (digits dropped) that delivered them, which must
 * be the same with and without the agent. Usage: {@code LineSubscriberApp <openai-base-url>}.
 */
public final class LineSubscriberApp {
  private static final long TIMEOUT_SECONDS = 20;

  public static void main(String[] args) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    for (String mode : List.of("join", "subscriber-only", "cancel")) {
      run(client, args[0], mode);
    }
    System.out.println("done");
  }

  private static void run(HttpClient client, String baseUrl, String mode) throws Exception {
    String model = switch (mode) {
      case "join" -> "gpt-4o-mini";
      case "subscriber-only" -> "gpt-4o";
      default -> "gpt-4.1-mini";
    };
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
        .timeout(Duration.ofSeconds(TIMEOUT_SECONDS))
        .header("content-type", "application/json")
        // a slow stream, so the cancel comes well before its end
        .header("x-fake-behaviour", mode.equals("cancel") ? "chunks=20; chunk-delay=50ms" : "chunks=4")
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"stream\":true,"
            + "\"stream_options\":{\"include_usage\":true},"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}]}"))
        .build();
    Lines lines = new Lines(mode.equals("cancel"));
    CompletableFuture<HttpResponse<Void>> future =
        client.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(lines));
    if (mode.equals("join")) {
      System.out.println(mode + " status " + future.join().statusCode());
    }
    String end = lines.end.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    System.out.println(mode + " " + end + " after " + lines.count() + " lines on " + lines.threadKinds());
  }

  /** The application's line subscriber: counts lines, notes its threads, may cancel early. */
  private static final class Lines implements Flow.Subscriber<String> {
    final CompletableFuture<String> end = new CompletableFuture<>();
    private final boolean cancelAfterFirst;
    private final Set<String> threadKinds = new TreeSet<>();
    private Flow.Subscription subscription;
    private int count;

    Lines(boolean cancelAfterFirst) {
      this.cancelAfterFirst = cancelAfterFirst;
    }

    @Override
    public synchronized void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public synchronized void onNext(String line) {
      if (end.isDone()) {
        return;
      }
      count++;
      threadKinds.add(Thread.currentThread().getName().replaceAll("[0-9]+", "#"));
      if (cancelAfterFirst && !line.isEmpty()) {
        subscription.cancel();
        end.complete("cancelled");
      }
    }

    @Override
    public void onError(Throwable t) {
      end.complete("error " + t);
    }

    @Override
    public void onComplete() {
      end.complete("complete");
    }

    synchronized int count() {
      return count;
    }

    synchronized Set<String> threadKinds() {
      return new TreeSet<>(threadKinds);
    }
  }
}
