package dev.llmcost.agent.http.netty.helpers;

import dev.llmcost.agent.http.body.BodyCopy;
import dev.llmcost.bootstrap.CallTracking;
import dev.llmcost.bootstrap.HookErrors;
import dev.llmcost.bootstrap.NettyHooks;
import dev.llmcost.bootstrap.TrackedCall;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AttributeKey;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * The LLM calls of one HTTP/1.1 client connection, seen right after its codec: requests as they
 * are written (headers, then body parts, ended by a {@link LastHttpContent}), answers as they are
 * read, one exchange at a time. Everything passes on unchanged, in the same order, on the same
 * event loop; the handler only copies what it needs before passing a message on (Netty may
 * release it after). Each observation swallows its own failures.
 *
 * <p>The application's use of the answer is not visible here: whatever reads it, it flows on to
 * the client's handler once it arrives. So a call whose whole answer passed is consumed; one the
 * client closed mid-answer (a subscriber that stopped: {@code take(2)}, a timeout) was closed
 * early, and one closed before the answer began was cancelled.
 */
final class LlmExchanges extends ChannelDuplexHandler {
  private static final AttributeKey<Object> ORIGIN = AttributeKey.valueOf(NettyHooks.ORIGIN_ATTRIBUTE);

  private final CallTracking tracking;
  /** Whether the connection is TLS, once known: its handlers are set up before any request. */
  private Boolean secure;

  // The request being written, when it is to an LLM endpoint.
  private Object endpoint;
  private String host;
  private int port;
  private String path;
  /** The request body as far as {@link CallTracking#maxRequestBytes} allows; null until one comes. */
  private BodyCopy body;
  /** Where the application asked for it, when the client handed that over; else null. */
  private Object origin;

  // The call whose answer is awaited or arriving.
  private TrackedCall call;
  private boolean answering;

  LlmExchanges(CallTracking tracking) {
    this.tracking = tracking;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
    try {
      onWrite(ctx, msg);
    } catch (Throwable t) {
      HookErrors.record("Netty request", t);
      endpoint = null;
    }
    ctx.write(msg, promise);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    try {
      onRead(ctx, msg);
    } catch (Throwable t) {
      HookErrors.record("Netty response", t);
    }
    ctx.fireChannelRead(msg);
  }

  /** The client closes the connection: before the answer's end, the application stopped it. */
  @Override
  public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
    TrackedCall c = takeCall();
    if (c != null) {
      if (answering) {
        c.onClosedByApp();
      } else {
        c.onCancelledByApp();
      }
    }
    ctx.close(promise);
  }

  /** The connection went away by itself before the answer's end. */
  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    TrackedCall c = takeCall();
    if (c != null) {
      c.onFailure(new IOException("connection closed before the answer ended"));
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
    TrackedCall c = takeCall();
    if (c != null) {
      c.onFailure(cause);
    }
    ctx.fireExceptionCaught(cause);
  }

  private void onWrite(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest) {
      onRequestHeaders(ctx, (HttpRequest) msg);
    }
    if (endpoint == null) {
      return;
    }
    ByteBuf content = msg instanceof HttpContent ? ((HttpContent) msg).content()
        : msg instanceof ByteBuf ? (ByteBuf) msg : null;
    if (content != null) {
      append(content);
    }
    if (msg instanceof LastHttpContent) {
      start(ctx.channel());
    }
  }

  private void onRequestHeaders(ChannelHandlerContext ctx, HttpRequest request) {
    endpoint = null;
    body = null;
    String uri = request.uri();
    String target = null;
    int targetPort = -1;
    if (uri.startsWith("http://") || uri.startsWith("https://")) { // through a proxy
      URI absolute;
      try {
        absolute = new URI(uri);
      } catch (URISyntaxException e) {
        return; // not a request the agent can place; the proxy will say what it makes of it
      }
      target = absolute.getHost();
      targetPort = absolute.getPort();
      uri = absolute.getRawPath() == null || absolute.getRawPath().isEmpty() ? "/" : absolute.getRawPath();
    }
    int query = uri.indexOf('?');
    String requestPath = query >= 0 ? uri.substring(0, query) : uri;
    String hostHeader = request.headers().get("Host");
    if (target == null && hostHeader != null) {
      int colon = hostHeader.lastIndexOf(':');
      boolean hasPort = colon > 0 && hostHeader.indexOf(']', colon) < 0;
      target = hasPort ? hostHeader.substring(0, colon) : hostHeader;
      if (hasPort) {
        targetPort = parsePort(hostHeader.substring(colon + 1));
      }
    }
    SocketAddress remote = ctx.channel().remoteAddress();
    if (remote instanceof InetSocketAddress) {
      InetSocketAddress address = (InetSocketAddress) remote;
      target = target != null ? target : address.getHostString();
      targetPort = targetPort > 0 ? targetPort : address.getPort();
    }
    if (secure == null) {
      secure = secured(ctx);
    }
    String scheme = secure ? "https" : "http";
    if (targetPort <= 0) {
      targetPort = "https".equals(scheme) ? 443 : 80;
    }
    Object matched = tracking.match(request.method().name(), scheme, target, targetPort, requestPath);
    if (matched != null) {
      origin = ctx.channel().attr(ORIGIN).getAndSet(null);
      endpoint = matched;
      host = target;
      port = targetPort;
      path = requestPath;
    }
  }

  private void onRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpResponse) {
      HttpResponse response = (HttpResponse) msg;
      int status = response.status().code();
      if (status < 200) {
        return; // informational (100 Continue): the answer follows
      }
      if (call == null && endpoint != null) {
        start(ctx.channel()); // answered before the request's end was written
      }
      if (call != null) {
        HttpHeaders headers = response.headers();
        call.onResponseHeaders(status, headers.get("Content-Type"), headers.get("Content-Encoding"));
        call.markConsumed(); // see the class comment
        answering = true;
      }
    }
    if (call != null && answering && msg instanceof HttpContent) {
      ByteBuf content = ((HttpContent) msg).content();
      if (content.isReadable()) {
        call.onBytes(content.nioBuffer()); // a view: the client's indices stay where they are
      }
      if (msg instanceof LastHttpContent) {
        takeCall().onComplete();
      }
    }
  }

  private void start(Channel channel) {
    Object matched = endpoint;
    endpoint = null;
    byte[] bytes = body == null ? null : body.bytes();
    body = null;
    TrackedCall started = origin != null
        ? tracking.startFrom(origin, matched, host, port, path, bytes, false)
        : tracking.start(matched, host, port, path, bytes, false);
    origin = null;
    if (started != null) {
      started.setCancel(channel::close);
      call = started;
      answering = false;
    }
  }

  /** Read in place: a view of the bytes kept, the client's indices untouched. */
  private void append(ByteBuf content) {
    if (!content.isReadable()) {
      return;
    }
    if (body == null) {
      int max = tracking.maxRequestBytes();
      if (max <= 0) {
        return;
      }
      body = new BodyCopy(max);
    }
    int n = Math.min(content.readableBytes(), body.room());
    if (n > 0) {
      body.keep(content.nioBuffer(content.readerIndex(), n));
    }
  }

  private TrackedCall takeCall() {
    TrackedCall c = call;
    call = null;
    return c;
  }

  private static boolean secured(ChannelHandlerContext ctx) {
    for (Map.Entry<String, ChannelHandler> entry : ctx.pipeline()) {
      if (entry.getValue().getClass().getName().equals("io.netty.handler.ssl.SslHandler")) {
        return true;
      }
    }
    return false;
  }

  private static int parsePort(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
