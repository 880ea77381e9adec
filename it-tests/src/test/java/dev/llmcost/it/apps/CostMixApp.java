package dev.llmcost.it.apps;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run with every billing mode, through the JDK HttpClient: a plain chat call (twice: a
 * duplicate), a stream without
 * usage (estimated), an Anthropic call with cache reads and 5-minute and 1-hour writes, a
 * reasoning model, an embeddings call, a request rejected with 429 and then retried, two calls
 * resending the same large system prompt without a cache hit, and a batch at each provider whose
 * results it downloads. Usage: {@code CostMixApp <base-url>}.
 */
public final class CostMixApp {
  private static final Pattern FIELD = Pattern.compile("\"(output_file_id|results_url)\":\"([^\"]+)\"");
  private static HttpClient client;
  private static String base;

  public static void main(String[] args) throws Exception {
    base = args[0];
    client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String hi = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}]}";
    post("/v1/chat/completions", "input=1000; output=200", hi);
    post("/v1/chat/completions", "input=1000; output=200", hi); // a duplicate
    post("/v1/chat/completions", "chunks=5", "{\"model\":\"gpt-4o\",\"stream\":true,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a short story about a lighthouse.\"}]}");
    post("/v1/messages", "input=10000; output=400; cache-read=6000; cache-write=2000; cache-write-1h=1000",
        "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":500,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Summarise\"}]}");
    post("/v1/chat/completions", "input=500; output=3000; reasoning=2500",
        "{\"model\":\"o3\",\"messages\":[{\"role\":\"user\",\"content\":\"Prove it\"}]}");
    post("/v1/embeddings", "input=4000; output=0",
        "{\"model\":\"text-embedding-3-small\",\"input\":\"some text to embed\"}");
    String retried = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Retry me\"}]}";
    post("/v1/chat/completions", "status=429; retry-after=0", retried);
    post("/v1/chat/completions", "input=300; output=30", retried);

    String manual = ("The warranty covers defects in materials and workmanship for two years from "
        + "the date of purchase, excluding wear and accidental damage. ").repeat(60);
    for (String question : new String[] {"Is a cracked screen covered?", "Is water damage covered?"}) {
      post("/v1/chat/completions", "input=1500; output=20", "{\"model\":\"gpt-4.1\",\"messages\":["
          + "{\"role\":\"system\",\"content\":\"" + manual + "\"},"
          + "{\"role\":\"user\",\"content\":\"" + question + "\"}]}");
    }

    String openAiBatch = post("/v1/batches", "chunks=4; input=1200; output=300; cache-read=1024",
        "{\"input_file_id\":\"file-in\",\"endpoint\":\"/v1/chat/completions\","
        + "\"completion_window\":\"24h\",\"metadata\":{\"model\":\"gpt-4o-mini\"}}");
    get("/v1/files/" + field(openAiBatch, "output_file_id") + "/content");
    String anthropicBatch = post("/v1/messages/batches", "input=2000; output=100; cache-read=1000",
        "{\"requests\":[{\"custom_id\":\"a\",\"params\":{\"model\":\"claude-haiku-4-5\","
        + "\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}},"
        + "{\"custom_id\":\"b\",\"params\":{\"model\":\"claude-haiku-4-5\",\"max_tokens\":100,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"b\"}]}}]}");
    get(field(anthropicBatch, "results_url"));
    System.out.println("### done");
  }

  private static String field(String json, String name) {
    Matcher m = FIELD.matcher(json);
    while (m.find()) {
      if (m.group(1).equals(name)) {
        return m.group(2);
      }
    }
    throw new IllegalStateException("no " + name + " in " + json);
  }

  private static String post(String path, String behaviour, String body) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("x-fake-behaviour", behaviour)
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static void get(String path) throws Exception {
    send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  private static String send(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> r = client.send(request.timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    System.out.println("### " + r.request().method() + " " + r.request().uri().getPath() + " "
        + r.statusCode());
    return r.body();
  }
}
