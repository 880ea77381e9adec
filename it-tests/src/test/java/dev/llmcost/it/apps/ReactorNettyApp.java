package dev.llmcost.it.apps;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

/**
 * Calls a provider through Netty the way reactive applications do: Reactor Netty's own
 * {@link HttpClient}, and Spring's {@link WebClient} on its default connector (Reactor Netty),
 * one scenario per method, each printing what it got under a {@code ### <scenario>} line. Every
 * request asks the fake for its own token figures, so a test can tell the calls apart by tokens as
 * well as by the method that made them, and sends a prompt of its own, so no call repeats another.
 * Both clients keep their connections in Reactor Netty's pool, so one connection carries several
 * exchanges; Reactor Netty sends a {@link ByteBufFlux} body chunked after the headers, WebClient a
 * body value as one full request with its length, and asks for gzip.
 * Usage: {@code ReactorNettyApp <base-url>}.
 */
public final class ReactorNettyApp {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final String base;
  /** One client for the whole application, as Reactor Netty recommends. */
  private final HttpClient netty = HttpClient.create();
  private final WebClient web;

  private ReactorNettyApp(String base) {
    this.base = base;
    this.web = WebClient.create(base);
  }

  public static void main(String[] args) {
    ReactorNettyApp app = new ReactorNettyApp(args[0]);
    app.nettyJson();
    app.nettyStream();
    app.webClientJson();
    app.webClientStream();
    app.webClientStreamStopped();
    app.rateLimited();
    app.webClientGzipJson();
    app.notAnLlmCall();
    System.out.println("### done");
  }

  /** Reactor Netty: an OpenAI chat completion, the whole body aggregated as one String. */
  void nettyJson() {
    System.out.println("### nettyJson");
    String got = netty.headers(h -> openAiHeaders(h, "input=1000; output=200"))
        .post()
        .uri(base + "/v1/chat/completions")
        .send(body(openAi("Say hi", false)))
        .responseSingle((response, body) -> body.asString(StandardCharsets.UTF_8)
            .map(text -> response.status().code() + " " + response.responseHeaders().get("content-type") + "\n" + text))
        .block(WAIT);
    System.out.println(got);
  }

  /** Reactor Netty: an OpenAI stream, its body read as it arrives, to its end. */
  void nettyStream() {
    System.out.println("### nettyStream");
    String got = netty.headers(h -> openAiHeaders(h, "input=1100; output=210; chunks=4"))
        .post()
        .uri(base + "/v1/chat/completions")
        .send(body(openAi("Count to four", true)))
        .response((response, body) -> body.asByteArray().collectList()
            .map(parts -> response.status().code() + " " + response.responseHeaders().get("content-type") + "\n"
                + utf8(parts)))
        .single()
        .block(WAIT);
    System.out.println(got);
  }

  /** WebClient: an Anthropic message, retrieved as a String. */
  void webClientJson() {
    System.out.println("### webClientJson");
    String got = webAnthropic("input=1200; output=220", anthropic("Say hello", false))
        .bodyToMono(String.class)
        .block(WAIT);
    System.out.println(got);
  }

  /** WebClient: an Anthropic stream, every event's data collected to the end. */
  void webClientStream() {
    System.out.println("### webClientStream");
    List<String> events = webAnthropic("input=1300; output=230; chunks=4",
            anthropic("Tell me a story", true))
        .bodyToFlux(String.class)
        .collectList()
        .block(WAIT);
    events.forEach(System.out::println);
  }

  /** WebClient: a long, slow OpenAI stream of which the application takes two events, then stops. */
  void webClientStreamStopped() {
    System.out.println("### webClientStreamStopped");
    List<String> events = webOpenAi("input=1400; output=240; chunks=40; chunk-delay=25ms",
            openAi("Write a long poem", true))
        .bodyToFlux(String.class)
        .take(2)
        .collectList()
        .block(WAIT);
    events.forEach(System.out::println);
  }

  /** WebClient: the provider answers 429; retrieve() turns it into an exception. */
  void rateLimited() {
    System.out.println("### rateLimited");
    try {
      String got = webOpenAi("input=1500; output=250; status=429; retry-after=0",
              openAi("Say hi again", false))
          .bodyToMono(String.class)
          .block(WAIT);
      System.out.println("answered " + got);
    } catch (WebClientResponseException e) {
      System.out.println(e.getStatusCode().value() + " retry-after " + e.getHeaders().getFirst("retry-after"));
      System.out.println(e.getResponseBodyAsString());
    }
  }

  /**
   * WebClient: an OpenAI chat completion answered gzip-compressed, as real providers answer
   * WebClient, whose default connector asks for gzip ({@code compress(true)}) and inflates the body
   * after Netty's HTTP codec.
   */
  void webClientGzipJson() {
    System.out.println("### webClientGzipJson");
    String got = webOpenAi("input=1700; output=270; gzip", openAi("Say hi in French", false))
        .bodyToMono(String.class)
        .block(WAIT);
    System.out.println(got);
  }

  /** Reactor Netty: a POST to an API that is not an LLM's. */
  void notAnLlmCall() {
    System.out.println("### notAnLlmCall");
    String got = netty.headers(h -> h.set("content-type", "application/json").set("authorization", "Bearer sk-test-netty"))
        .post()
        .uri(base + "/v1/files")
        .send(body(LlmBodies.notLlm()))
        .responseSingle((response, body) -> body.asString(StandardCharsets.UTF_8)
            .defaultIfEmpty("")
            .map(text -> response.status().code() + "\n" + text))
        .block(WAIT);
    System.out.println(got);
  }

  /** A chat completion request of its own for each scenario: no call repeats another's. */
  private static String openAi(String prompt, boolean stream) {
    return "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]"
        + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "") + "}";
  }

  private static String anthropic(String prompt, boolean stream) {
    return "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":256,\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]"
        + (stream ? ",\"stream\":true" : "") + "}";
  }

  /** WebClient: an OpenAI chat completion request asking the fake for {@code behaviour}. */
  private WebClient.ResponseSpec webOpenAi(String behaviour, String json) {
    return web.post()
        .uri("/v1/chat/completions")
        .contentType(MediaType.APPLICATION_JSON)
        .header("authorization", "Bearer sk-test-netty")
        .header("x-fake-behaviour", behaviour)
        .bodyValue(json)
        .retrieve();
  }

  /** WebClient: an Anthropic message request asking the fake for {@code behaviour}. */
  private WebClient.ResponseSpec webAnthropic(String behaviour, String json) {
    return web.post()
        .uri("/v1/messages")
        .contentType(MediaType.APPLICATION_JSON)
        .header("x-api-key", "sk-ant-test-netty")
        .header("anthropic-version", "2023-06-01")
        .header("x-fake-behaviour", behaviour)
        .bodyValue(json)
        .retrieve();
  }

  private static void openAiHeaders(HttpHeaders headers, String behaviour) {
    headers.set("content-type", "application/json")
        .set("authorization", "Bearer sk-test-netty")
        .set("x-fake-behaviour", behaviour);
  }

  private static ByteBufFlux body(String json) {
    return ByteBufFlux.fromString(Mono.just(json), StandardCharsets.UTF_8, ByteBufAllocator.DEFAULT);
  }

  private static String utf8(List<byte[]> parts) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    parts.forEach(all::writeBytes);
    return all.toString(StandardCharsets.UTF_8);
  }
}
