package dev.llmcost.bench;

import dev.llmcost.agent.benchframes.LibraryFrames;
import dev.llmcost.agent.call.CallSites;
import dev.llmcost.agent.context.ApplicationContext;
import dev.llmcost.agent.http.jdk.JdkHttpCalls;
import dev.llmcost.agent.provider.Endpoint;
import dev.llmcost.agent.provider.Endpoints;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Set;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the agent adds on the application's thread when a request starts. For a non-LLM request
 * that is all it adds ({@code JdkHttpCalls.start} returning null); for an LLM request this is the
 * start of the call (body read and parsed, call site, parent span), before any byte comes back.
 */
@State(Scope.Thread)
public class RequestPathBenchmark extends BenchmarkDefaults {
  private final Endpoints endpoints = Endpoints.defaults();
  private final JdkHttpCalls hooks = new JdkHttpCalls(AgentParts.tracker(record -> { }));
  private final CallSites callSites = new CallSites();
  private final ApplicationContext context = new ApplicationContext(Set.of());
  private HttpRequest nonLlmGet;
  private HttpRequest nonLlmPost;
  private HttpRequest llmPost;

  @Setup
  public void setUp() {
    nonLlmGet = HttpRequest.newBuilder(URI.create("https://api.example.com/v2/orders/42?expand=items"))
        .GET().build();
    nonLlmPost = HttpRequest.newBuilder(URI.create("https://api.example.com/v2/orders"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"sku\":\"A-1\",\"quantity\":2}")).build();
    llmPost = HttpRequest.newBuilder(URI.create("https://api.openai.com/v1/chat/completions"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(ProviderBodies.openAiChatRequest(false))).build();
  }

  @Benchmark
  public Endpoint matchNonLlmPath() {
    return endpoints.match("https", "api.example.com", 443, "/v2/orders");
  }

  @Benchmark
  public Endpoint matchLlmPath() {
    return endpoints.match("https", "api.openai.com", 443, "/v1/chat/completions");
  }

  /** The whole agent-side cost of a non-LLM GET: URI parts, one compare, out. */
  @Benchmark
  public Object hookNonLlmGet() {
    return hooks.start(nonLlmGet, true);
  }

  /** The whole agent-side cost of a non-LLM POST: the path is checked against the LLM APIs. */
  @Benchmark
  public Object hookNonLlmPost() {
    return hooks.start(nonLlmPost, true);
  }

  /**
   * Starting an LLM call: body read and parsed, call site walked, parent span looked up. Both
   * hooks, as the JDK HttpClient runs them: the request and call site are read in the exit one.
   * No future: the call ends there as failed, which also takes it out of the in-flight registry.
   */
  @Benchmark
  public Object hookLlmStart() {
    Object call = hooks.start(llmPost, true);
    hooks.end(call, llmPost, null, null);
    return call;
  }

  @Benchmark
  public Object callSite() {
    // Behind 8 library frames, as behind the agent's hook and the JDK HttpClient's send/sendAsync.
    return LibraryFrames.under(8, callSites::current);
  }

  @Benchmark
  public Object applicationSpan() {
    return context.current();
  }
}
