package dev.llmcost.agent.call;

import dev.llmcost.agent.AgentLog;
import dev.llmcost.agent.pricing.Cost;
import dev.llmcost.agent.pricing.PriceBook;
import dev.llmcost.agent.provider.ResponseInfo;
import dev.llmcost.agent.usage.Usage;
import dev.llmcost.agent.waste.BatchCandidates;
import dev.llmcost.agent.waste.BatchOpportunity;
import dev.llmcost.agent.waste.CachingOpportunities;
import dev.llmcost.agent.waste.DuplicateRequests;
import dev.llmcost.agent.waste.RetriedRequests;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Turns each settled call into usage and cost, then hands it to every reporter (spans, meters). */
public final class CallReporter implements CallSink {
  private final PriceBook prices;
  private final DuplicateRequests duplicates;
  private final RetriedRequests retries;
  private final CachingOpportunities caching;
  private final BatchCandidates batchCandidates;
  /** Run before the application gets the result: its next call may depend on them (budget). */
  private final List<Consumer<PricedCall>> outputs;
  /** Run after the application got the result, where a transport allows (spans, metrics). */
  private final List<Consumer<PricedCall>> afterHandOver;

  public CallReporter(PriceBook prices, DuplicateRequests duplicates,
      List<Consumer<PricedCall>> outputs) {
    this(prices, duplicates, new RetriedRequests(600), new CachingOpportunities(prices, 3600),
        outputs);
  }

  public CallReporter(PriceBook prices, DuplicateRequests duplicates, RetriedRequests retries,
      CachingOpportunities caching, List<Consumer<PricedCall>> outputs) {
    this(prices, duplicates, retries, caching, new BatchCandidates(prices), outputs, List.of());
  }

  public CallReporter(PriceBook prices, DuplicateRequests duplicates, RetriedRequests retries,
      CachingOpportunities caching, BatchCandidates batchCandidates,
      List<Consumer<PricedCall>> outputs, List<Consumer<PricedCall>> afterHandOver) {
    this.prices = prices;
    this.duplicates = duplicates;
    this.retries = retries;
    this.caching = caching;
    this.batchCandidates = batchCandidates;
    this.outputs = outputs;
    this.afterHandOver = afterHandOver;
  }

  @Override
  public void settled(CallRecord record) {
    accountNowReportLater(record).run();
  }

  @Override
  public Runnable accountNowReportLater(CallRecord record) {
    if (isNotBatchResults(record)) {
      return NOTHING;
    }
    PricedCall priced = underAgentLoader(() -> {
      PricedCall p = price(record);
      deliver(p, outputs);
      return p;
    });
    return afterHandOver.isEmpty() ? NOTHING : () -> underAgentLoader(() -> {
      deliver(priced, afterHandOver);
      return null;
    });
  }

  private static void deliver(PricedCall priced, List<Consumer<PricedCall>> to) {
    for (Consumer<PricedCall> output : to) {
      try {
        output.accept(priced);
      } catch (Throwable t) {
        dev.llmcost.agent.AgentLog.failure(
            "reporting a call to " + output.getClass().getSimpleName(), t);
      }
    }
  }

  /**
   * Calls settle on the application's threads, whose context class loader may be a web app's:
   * anything the reporters initialise lazily must not capture it and keep it from unloading.
   */
  private static <T> T underAgentLoader(Supplier<T> work) {
    Thread thread = Thread.currentThread();
    ClassLoader applicationLoader = thread.getContextClassLoader();
    boolean switched = switchContextLoader(thread, CallReporter.class.getClassLoader());
    try {
      return work.get();
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

  private BatchOpportunity batchOpportunity(CallRecord record, Cost cost, Usage usage,
      String billedModel) {
    try {
      return batchCandidates.credit(record, cost, usage, billedModel);
    } catch (RuntimeException e) {
      AgentLog.failure("batch opportunities", e);
      return BatchOpportunity.NONE;
    }
  }

  /**
   * The model the call is billed as: the one the answer names (a dated snapshot, Azure's model
   * behind a deployment name), unless the table has no price for it and has one for the model
   * requested (a provider's preview or revision name for a model it was asked for by its own).
   */
  private String billedModel(CallRecord record) {
    String usual = PricedCall.answeredElseRequested(record);
    String requested = record.model();
    if (requested == null || requested.equals(usual)) {
      return usual;
    }
    String provider = record.endpoint().provider();
    return !prices.hasPrice(provider, usual) && prices.hasPrice(provider, requested)
        ? requested : usual;
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
    String billedModel = billedModel(record);
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
        retries.isRetry(record), cachingUsd, billedModel,
        batchOpportunity(record, cost, usage, billedModel));
  }
}
