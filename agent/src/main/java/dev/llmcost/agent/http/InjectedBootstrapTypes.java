package dev.llmcost.agent.http;

import dev.llmcost.agent.AppClassNames;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * How classes are described for instrumentation: from their class files, as ByteBuddy's fast
 * pool does, except the types another agent defines in the boot loader without a class file. The
 * OpenTelemetry Java agent adds such interfaces to classes it instruments too (its virtual-field
 * accessors, on Netty's handlers for one); read from a class file only, a class that implements
 * one could not be described, and the agent's advice would not go in. Those are described from
 * the loaded class instead; nothing else is loaded to describe it.
 */
final class InjectedBootstrapTypes implements AgentBuilder.PoolStrategy {
  /** Joined at run time: the shaded jar would rewrite the literal to its own relocated package. */
  private static final String OTEL_AGENT_BOOTSTRAP = AppClassNames.join("io.open", "telemetry.javaagent.");

  private static final TypePool INJECTED = new TypePool() {
    private final TypePool boot = TypePool.ClassLoading.ofBootLoader();

    @Override
    public Resolution describe(String name) {
      return name.startsWith(OTEL_AGENT_BOOTSTRAP) ? boot.describe(name) : new Resolution.Illegal(name);
    }

    @Override
    public void clear() {
      boot.clear();
    }
  };

  @Override
  public TypePool typePool(ClassFileLocator classFileLocator, ClassLoader classLoader) {
    // the injected types come first (the parent): a class file of theirs is never found anyway
    return new TypePool.Default.WithLazyResolution(TypePool.CacheProvider.Simple.withObjectType(),
        classFileLocator, TypePool.Default.ReaderMode.FAST, INJECTED);
  }

  @Override
  public TypePool typePool(ClassFileLocator classFileLocator, ClassLoader classLoader, String name) {
    return typePool(classFileLocator, classLoader);
  }
}
