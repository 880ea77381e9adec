package dev.llmcost.agent.call;

import dev.llmcost.agent.pricing.Cost;
import dev.llmcost.agent.pricing.PriceBook;
import dev.llmcost.agent.provider.ResponseInfo;
import dev.llmcost.agent.usage.Usage;
import dev.llmcost.agent.waste.CachingOpportunities;
import dev.llmcost.agent.waste.DuplicateRequests;
import dev.llmcost.agent.waste.RetriedRequests;
import java.util.List;
import java.util.function.Consumer;

/** Turns each settled call into usage and cost, then hands it to every reporter (spans, meters). */
public final class CallReporter implements CallSink {
  private final PriceBook prices;
  private final DuplicateRequests duplicates;
  private final RetriedRequests retries;
  private final CachingOpportunities caching;
  private final List<Consumer<PricedCall>> outputs;

  public CallReporter(PriceBook prices, DuplicateRequests duplicates,
      List<Consumer<PricedCall>> outputs) {
    this(prices, duplicates, new RetriedRequests(600), new CachingOpportunities(prices, 3600),
        outputs);
  }

  public CallReporter(PriceBook prices, DuplicateRequests duplicates, RetriedRequests retries,
      CachingOpportunities caching, List<Consumer<PricedCall>> outputs) {
    this.prices = prices;
    this.duplicates = duplicates;
    this.retries = retries;
    this.caching = caching;
    this.outputs = outputs;
  }

  @Override
  public void settled(CallRecord record) {
    if (isNotBatchResults(record)) {
      return;
    }
    // Calls settle on the application's threads, whose context class loader may be a web app's:
    // anything the reporters initialise lazily must not capture it and keep it from unloading.
    Thread thread = Thread.currentThread();
    ClassLoader applicationLoader = thread.getContextClassLoader();
    boolean switched = switchContextLoader(thread, CallReporter.class.getClassLoader());
    try {
      PricedCall priced = price(record);
      for (Consumer<PricedCall> output : outputs) {
        try {
          output.accept(priced);
        } catch (Throwable t) {
          dev.llmcost.agent.AgentLog.failure(
              "reporting a call to " + output.getClass().getSimpleName(), t);
        }
      }
    } finally {
      if (switched) {
        switchContextLoader(thread, applicationLoader);
      }
    }
  }

  /** False where a thread refuses (the JDK's innocuous threads): the call is reported all the same. */
  private static boolean switchContextLoader(Thread thread, ClassLoader loader) {
    try {
      thread.setContextClassLoader(loader);
      return true;
    } catch (RuntimeException refused) {
      return false;
    }
  }

  /** An insight must never cost the call its report. */
  private double cachingOpportunity(CallRecord record, Usage usage, String billedModel) {
    try {
      return caching.avoidableUsd(record, usage, billedModel);
    } catch (RuntimeException e) {
      dev.llmcost.agent.AgentLog.failure("caching opportunities", e);
      return 0;
    }
  }

  /** A downloaded file with no batch result line in it: some other file, not an LLM call. */
  static boolean isNotBatchResults(CallRecord record) {
    if (!record.endpoint().api().isBatchResults() || record.statusCode() >= 400) {
      return false;
    }
    ResponseInfo response = record.response();
    return response == null || response.batch == null
        || response.batch.billed() + response.batch.notBilled() == 0;
  }

  PricedCall price(CallRecord record) {
    Usage usage = BilledUsage.resolve(record);
    String billedModel = record.response() != null && record.response().model != null
        ? record.response().model : record.model();
    Cost cost = null;
    if (usage != null && record.response() != null && record.response().batch != null) {
      cost = BatchPricing.cost(prices, record.endpoint().provider(), record.response().batch);
    } else if (usage != null && billedModel != null) {
      cost = prices.price(record.endpoint().provider(), billedModel, usage);
    }
    // A batch was billed when it ran: reading its results file or not changes nothing.
    double waste = record.outcome() == Outcome.CONSUMED || cost == null
        || record.endpoint().api().isBatch() ? 0 : cost.totalUsd();
    double cachingUsd = record.endpoint().api().isBatch() ? 0
        : cachingOpportunity(record, usage, billedModel);
    return new PricedCall(record, usage, cost, waste, duplicates.isDuplicate(record),
        retries.isRetry(record), cachingUsd);
  }
}
