package dev.llmcost.it.apps;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufMono;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;

/**
 * Reactor Netty over HTTP/2 (TLS with ALPN, trusting the front's certificate): an OpenAI chat
 * completion, a stream read to its end, and a stream the application stops after two parts, each
 * printed under a {@code ### <scenario>} line. Usage:
 * {@code ReactorNettyH2App <https-base-url> <certificate-pem>}.
 */
public final class ReactorNettyH2App {
  private static final Duration WAIT = Duration.ofSeconds(20);

  public static void main(String[] args) {
    HttpClient client = HttpClient.create()
        .protocol(HttpProtocol.H2)
        .secure(spec -> spec.sslContext(Http2SslContextSpec.forClient()
            .configure(builder -> builder.trustManager(new File(args[1])))));
    String base = args[0];

    System.out.println("### h2Json");
    System.out.println(post(client, base, "input=1800; output=280", chat("Say hi over h2", false))
        .responseSingle((r, body) -> body.asString(StandardCharsets.UTF_8)
            .map(text -> r.version() + " " + r.status().code() + "\n" + text))
        .block(WAIT));

    System.out.println("### h2Stream");
    System.out.println(post(client, base, "input=1900; output=290; chunks=4", chat("Count over h2", true))
        .responseContent().asString(StandardCharsets.UTF_8).collectList()
        .map(parts -> String.join("", parts)).block(WAIT));

    System.out.println("### h2StreamStopped");
    System.out.println(post(client, base, "input=2000; output=300; chunks=40; chunk-delay=25ms",
            chat("A long poem over h2", true))
        .responseContent().asString(StandardCharsets.UTF_8).take(2).count().block(WAIT) + " parts");
    System.out.println("### done");
  }

  private static HttpClient.ResponseReceiver<?> post(HttpClient client, String base, String behaviour,
      String json) {
    return client.headers(h -> h.set("content-type", "application/json")
            .set("authorization", "Bearer sk-test-netty-h2").set("x-fake-behaviour", behaviour))
        .post().uri(base + "/v1/chat/completions")
        .send(ByteBufMono.fromString(Mono.just(json)));
  }

  private static String chat(String prompt, boolean stream) {
    return "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]"
        + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "") + "}";
  }
}
