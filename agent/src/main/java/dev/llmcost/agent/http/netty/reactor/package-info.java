/**
 * The Reactor Netty side of the instrumentation: where the application asked for a call that the
 * client sends from its event loop. Never loaded by the agent's class loader: {@link
 * dev.llmcost.agent.http.HelperClassLoader} defines these classes once per application class loader
 * that holds Reactor Netty, so they link against the application's copy. They may use only the
 * JDK, Reactor (core, netty-core, netty-http), Netty and the bootstrap classes. Written against
 * Reactor Netty 1.3.
 */
package dev.llmcost.agent.http.netty.reactor;
