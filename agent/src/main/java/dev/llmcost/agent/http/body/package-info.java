/**
 * Body streams shared by transports: they see only the JDK and the bootstrap
 * {@link dev.llmcost.bootstrap.TrackedCall}, so they can also be defined next to an application's
 * HTTP library by {@link dev.llmcost.agent.http.HelperClassLoader}. Every stream forwards each
 * call, argument, result and exception exactly; observing never changes what the application gets.
 */
package dev.llmcost.agent.http.body;
