package dev.llmcost.agent.call;

import dev.llmcost.agent.pricing.Cost;
import dev.llmcost.agent.pricing.PriceBook;
import dev.llmcost.agent.usage.Usage;
import dev.llmcost.agent.waste.DuplicateRequests;
import java.util.List;
import java.util.function.Consumer;

/** Turns each settled call into usage and cost, then hands it to every reporter (spans, meters). */
public final class CallReporter implements CallSink {
  private final PriceBook prices;
  private final DuplicateRequests duplicates;
  private final List<Consumer<PricedCall>> outputs;

  public CallReporter(PriceBook prices, DuplicateRequests duplicates,
      List<Consumer<PricedCall>> outputs) {
    this.prices = prices;
    this.duplicates = duplicates;
    this.outputs = outputs;
  }

  @Override
  public void settled(CallRecord record) {
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
          dev.llmcost.agent.AgentLog.failure("reporting a call to " + output.getClass().getSimpleName(), t);
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

  PricedCall price(CallRecord record) {
    Usage usage = BilledUsage.resolve(record);
    Cost cost = null;
    if (usage != null) {
      String billedModel = record.response() != null && record.response().model != null
          ? record.response().model : record.model();
      if (billedModel != null) {
        cost = prices.price(record.endpoint().provider(), billedModel, usage);
      }
    }
    double waste = record.outcome() == Outcome.CONSUMED || cost == null ? 0 : cost.totalUsd();
    return new PricedCall(record, usage, cost, waste, duplicates.isDuplicate(record));
  }
}
