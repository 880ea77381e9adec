package dev.llmcost.agent.http.netty.helpers;

import dev.llmcost.agent.call.AbandonWatcher;
import dev.llmcost.agent.call.CallSites;
import dev.llmcost.agent.call.CallTracker;
import dev.llmcost.agent.context.ApplicationContext;
import dev.llmcost.agent.http.EventLoopCalls;
import dev.llmcost.agent.provider.Endpoints;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A non-LLM exchange (a POST and its answer) through a Netty pipeline, with the agent's handler
 * ({@link LlmExchanges}) and without it: the difference is what every other request of a Netty
 * client (Reactor Netty, WebClient) pays. In this package for the handler's package-private class;
 * the defaults of {@code dev.llmcost.bench.BenchmarkDefaults}, repeated.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class NettyPathBenchmark {
  private static final byte[] BODY = "{\"sku\":\"A-1\",\"quantity\":2}".getBytes(StandardCharsets.UTF_8);

  private EmbeddedChannel bare;
  private EmbeddedChannel observed;

  @Setup
  public void setUp() {
    CallTracker tracker = new CallTracker(Endpoints.defaults(), record -> { }, new CallSites(),
        new AbandonWatcher(), 1 << 20, false, new ApplicationContext(Set.of()));
    bare = new EmbeddedChannel();
    observed = new EmbeddedChannel(new LlmExchanges(new EventLoopCalls(tracker)));
  }

  @Benchmark
  public Object nonLlmExchangeWithoutTheAgent() {
    return exchange(bare);
  }

  @Benchmark
  public Object nonLlmExchange() {
    return exchange(observed);
  }

  private static Object exchange(EmbeddedChannel channel) {
    FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
        "/v2/orders", Unpooled.wrappedBuffer(BODY));
    request.headers().set("Host", "api.example.com").set("Content-Type", "application/json");
    channel.writeOutbound(request);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.OK, Unpooled.wrappedBuffer(BODY));
    channel.writeInbound(response);
    Object sent = channel.readOutbound();
    Object received = channel.readInbound();
    return sent == received ? null : received;
  }
}
