/**
 * The Apache HttpClient 5 side of the instrumentation: classes that implement httpclient5's
 * interfaces ({@code HttpEntity}, {@code AsyncResponseConsumer}, {@code FutureCallback}, ...). They are
 * never loaded by the agent's class loader: {@link dev.llmcost.agent.http.HelperClassLoader} defines
 * them once per application class loader that holds httpclient5, so they link against the
 * application's copy. They may use only the JDK, httpclient5/httpcore5, the bootstrap classes and
 * {@link dev.llmcost.agent.http.body}; the agent reaches them through
 * {@link dev.llmcost.bootstrap.ApacheHttpHooks.Impl} and they reach it through
 * {@link dev.llmcost.bootstrap.CallTracking}. Written against 5.6 and checked on 5.2.
 */
package dev.llmcost.agent.http.apache.helpers;
