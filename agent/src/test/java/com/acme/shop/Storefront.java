package com.acme.shop;

import dev.llmcost.agent.call.CallSite;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An application class that {@link CallSitesTest} loads in a class loader of its own, to call a
 * site from a class that can be unloaded.
 */
public final class Storefront implements Function<Supplier<CallSite>, CallSite> {
  @Override
  public CallSite apply(Supplier<CallSite> send) {
    return send.get();
  }
}
