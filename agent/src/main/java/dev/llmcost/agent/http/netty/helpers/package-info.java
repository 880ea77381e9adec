/**
 * The Netty side of the instrumentation: a channel handler ({@link
 * dev.llmcost.agent.http.netty.helpers.LlmExchanges}) placed after each HTTP/1.1 client codec.
 * Never loaded by the agent's class loader: {@link dev.llmcost.agent.http.HelperClassLoader}
 * defines these classes once per application class loader that holds Netty, so they link against
 * the application's copy. They may use only the JDK, Netty (transport, buffer, codec-http), the
 * bootstrap classes and {@link dev.llmcost.agent.http.body}; the agent reaches them through {@link dev.llmcost.bootstrap.NettyHooks.Impl}
 * and they reach it through {@link dev.llmcost.bootstrap.CallTracking}. Written against 4.1 and
 * run on 4.2.
 */
package dev.llmcost.agent.http.netty.helpers;
