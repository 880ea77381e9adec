package dev.llmcost.agent.waste;

import dev.llmcost.agent.call.CallRecord;
import dev.llmcost.agent.pricing.Cost;
import dev.llmcost.agent.pricing.PriceBook;
import dev.llmcost.agent.provider.ChatLayout;
import dev.llmcost.agent.provider.RequestInfo;
import dev.llmcost.agent.usage.TokenCountingThread;
import dev.llmcost.agent.usage.TokenEstimator;
import dev.llmcost.agent.usage.Usage;
import dev.llmcost.agent.AgentLog;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Finds prompts that resend the same large prefix (every message but the last, with the system
 * prompt) without a cache hit: with prompt caching those tokens would have been billed at the
 * cache-read price. Providers cache prefixes of at least 1024 tokens, so shorter ones are ignored.
 * The prefix's tokens are counted once per distinct prefix, when it is seen again, on the agent's
 * own thread: a call ends on whatever thread reads its answer (often the application's, inside a
 * {@code read()}), where a first vocabulary read (half a second) or a long prompt (milliseconds)
 * must not wait. Until its count is known, a prefix's tokens are estimated from its length.
 */
public final class CachingOpportunities {
  /** The smallest prefix OpenAI and Anthropic (Sonnet, Opus) cache. */
  public static final int MIN_PREFIX_TOKENS = 1024;
  /** Below this many characters a prefix cannot hold 1024 tokens of English text. */
  private static final int MIN_PREFIX_CHARS = 2048;
  static final int MAX_REMEMBERED = 2_000;

  private final PriceBook prices;
  private final long windowNanos;
  private final Map<Long, Prefix> seen = new RecentRequests<>(MAX_REMEMBERED);

  private static final class Prefix {
    long lastSeenNanos;
    /** -1 until counted. */
    volatile int tokens = -1;
    /** A count is waiting or running. */
    final AtomicBoolean counting = new AtomicBoolean();
  }

  public CachingOpportunities(PriceBook prices, long windowSeconds) {
    this.prices = prices;
    this.windowNanos = TimeUnit.SECONDS.toNanos(windowSeconds);
  }

  /**
   * What this call would have saved had its repeated prefix been read from the cache, in US
   * dollars; 0 when it is not such a call.
   */
  public double avoidableUsd(CallRecord call, Usage usage, String billedModel) {
    RequestInfo request = call.request();
    ChatLayout layout = request.layout();
    String text = request.promptText();
    if (usage == null || billedModel == null || text == null || layout.messages() < 2
        || call.statusCode() >= 400) {
      return 0;
    }
    int prefixEnd = Math.min(layout.start(layout.messages() - 1), text.length());
    if (prefixEnd < MIN_PREFIX_CHARS) {
      return 0;
    }
    String prefix = text.substring(0, prefixEnd);
    long key = (31L * prefix.hashCode() + billedModel.hashCode()) * 31L + prefixEnd;
    Prefix known;
    boolean repeated;
    synchronized (this) {
      known = seen.get(key);
      repeated = known != null && call.startEpochNanos() - known.lastSeenNanos <= windowNanos;
      if (known == null) {
        known = new Prefix();
        seen.put(key, known);
      }
      known.lastSeenNanos = Math.max(known.lastSeenNanos, call.startEpochNanos());
    }
    if (!repeated || usage.cacheReadTokens() > 0) {
      return 0;
    }
    int tokens = known.tokens;
    if (tokens < 0) {
      countLater(known, billedModel, prefix, layout);
      tokens = prefix.length() / TokenEstimator.CHARS_PER_TOKEN;
    }
    if (tokens < MIN_PREFIX_TOKENS) {
      return 0;
    }
    String provider = call.endpoint().provider();
    Cost uncached = prices.price(provider, billedModel, new Usage(tokens, 0, 0, 0, 0, 0, false));
    Cost cached = prices.price(provider, billedModel, new Usage(tokens, 0, tokens, 0, 0, 0, false));
    return uncached == null || cached == null ? 0
        : Math.max(0, uncached.totalUsd() - cached.totalUsd());
  }

  private void countLater(Prefix known, String model, String prefix, ChatLayout layout) {
    if (!known.counting.compareAndSet(false, true)) {
      return;
    }
    ChatLayout messages = layout.firstMessages(layout.messages() - 1);
    boolean offered = TokenCountingThread.offer(() -> {
      try {
        known.tokens = TokenEstimator.countPrompt(model, prefix, messages);
      } catch (RuntimeException e) {
        AgentLog.failure("counting a prompt prefix", e);
      } finally {
        known.counting.set(false);
      }
    });
    if (!offered) {
      known.counting.set(false);
    }
  }

  /** Waits until the counts asked for so far are done (tests). */
  void awaitCounts() throws Exception {
    TokenCountingThread.awaitIdle();
  }
}
