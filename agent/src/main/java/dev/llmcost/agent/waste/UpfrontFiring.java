package dev.llmcost.agent.waste;

import dev.llmcost.agent.call.CallSite;

/**
 * A call site that fired a burst of calls and dropped most results unread.
 *
 * @param abandonedInWindow abandoned calls among the site's {@code callsInWindow} most recent ones
 * @param wastedUsd what all abandoned calls from this site have cost so far
 */
public record UpfrontFiring(CallSite site, int abandonedInWindow, int callsInWindow,
    long abandonedTotal, double wastedUsd) {

  public String message() {
    return String.format(java.util.Locale.ROOT,
        "upfront firing at %s%s: %d of the last %d calls from here were never read, "
            + "$%.6f wasted so far; create each request only when its result is needed, "
            + "or cancel the rest when returning early",
        site.frame(), site.callers().isEmpty() ? "" : " called from " + site.callers().get(0),
        abandonedInWindow, callsInWindow, wastedUsd);
  }
}
