package dev.llmcost.agent.http;

import dev.llmcost.agent.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs every {@link TypeInstrumentation} with ByteBuddy. Matching is by exact class name only:
 * every other class that loads costs one hash lookup, and no hierarchy is ever scanned.
 */
public final class Instrumenter {
  private Instrumenter() {}

  /** @return completes once classes are instrumented as they load (at once when attached) */
  public static CompletableFuture<Void> install(Instrumentation inst, boolean attached,
      List<TypeInstrumentation> all) {
    // Advice is inlined, so ByteBuddy's Nexus self-injection is never needed; probing for it makes
    // JDK 24+ print sun.misc.Unsafe warnings. Shading relocates this name to our private copy.
    System.setProperty("net.bytebuddy.nexus.disabled", "true");
    if (attached) {
      agentBuilder(inst, true, all).installOn(inst);
      return CompletableFuture.completedFuture(null);
    }
    return installDeferred(inst, all);
  }

  /**
   * At premain: a name check now, ByteBuddy on a background thread. Classes to instrument that
   * loaded before the check was in place (another agent may load them) are retransformed.
   */
  private static CompletableFuture<Void> installDeferred(Instrumentation inst,
      List<TypeInstrumentation> all) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Set<String> internalNames = new HashSet<>();
    Set<String> waiting = new HashSet<>();
    for (TypeInstrumentation ti : all) {
      String internalName = ti.typeName().replace('.', '/');
      internalNames.add(internalName);
      if (ti.loadWaitsUntilReady()) {
        waiting.add(internalName);
      }
    }
    // A type named by several instrumentations waits if any of them wants it to
    Set<String> notWaiting = new HashSet<>(internalNames);
    notWaiting.removeAll(waiting);
    DeferredTransformer gate = new DeferredTransformer(internalNames, notWaiting);
    inst.addTransformer(gate, true);
    List<Class<?>> loadedBefore = loadedTargets(inst, gate, Set.of());
    Thread setUp = new Thread(() -> {
      long start = System.nanoTime();
      try {
        Set<String> loadedNames = new HashSet<>();
        loadedBefore.forEach(type -> loadedNames.add(type.getName().replace('.', '/')));
        Map<String, Module> aheadOfTime = JdkClassesAheadOfTime.plan(gate, internalNames, loadedNames);
        ClassFileTransformer transformer = agentBuilder(inst, false, all).makeRaw();
        AgentLog.debug("ByteBuddy transformer built in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        JdkClassesAheadOfTime.transform(transformer, gate, aheadOfTime);
        gate.ready(transformer);
        AgentLog.debug("instrumentation ready in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        List<Class<?>> later = new ArrayList<>(loadedBefore);
        if (!gate.missed().isEmpty()) {
          later.addAll(loadedTargets(inst, gate, gate.missed()));
        }
        retransform(inst, later);
      } catch (Throwable t) {
        AgentLog.failure("setting up instrumentation", t);
        gate.failed(t);
      } finally {
        done.complete(null);
      }
    }, "llm-cost-agent-start");
    setUp.setDaemon(true);
    setUp.start();
    return done;
  }

  /** Loaded classes to instrument; only those named in {@code only} unless it is empty. */
  private static List<Class<?>> loadedTargets(Instrumentation inst, DeferredTransformer gate,
      Set<String> only) {
    List<Class<?>> found = new ArrayList<>();
    for (Class<?> type : inst.getAllLoadedClasses()) {
      String internalName = type.getName().replace('.', '/');
      if (gate.isTarget(internalName) && (only.isEmpty() || only.contains(internalName))
          && inst.isModifiableClass(type)) {
        found.add(type);
      }
    }
    return found;
  }

  private static void retransform(Instrumentation inst, List<Class<?>> classes) {
    for (Class<?> type : classes) {
      try {
        inst.retransformClasses(type);
      } catch (Throwable t) {
        AgentLog.warn("could not instrument " + type.getName() + ": " + t);
      }
    }
  }

  private static AgentBuilder.Identified.Extendable agentBuilder(Instrumentation inst,
      boolean attached, List<TypeInstrumentation> all) {
    Set<String> names = new LinkedHashSet<>();
    Set<Class<?>> hooks = new LinkedHashSet<>();
    for (TypeInstrumentation ti : all) {
      names.add(ti.typeName());
      hooks.addAll(List.of(ti.bootstrapHooks()));
    }
    AgentBuilder.RedefinitionListenable.WithoutBatchStrategy redefinition = new AgentBuilder.Default()
        .disableClassFormatChanges()
        .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
    // At attach, retransforming stops the world: small batches with pauses keep a live service responsive.
    AgentBuilder builder = !attached ? redefinition : redefinition
        .with(AgentBuilder.RedefinitionStrategy.BatchAllocator.ForFixedSize.ofSize(100))
        .with(AgentBuilder.RedefinitionStrategy.Listener.Pausing.of(100, TimeUnit.MILLISECONDS));
    builder = builder
        .with(AgentBuilder.TypeStrategy.Default.DECORATE)
        .with(AgentBuilder.DescriptionStrategy.Default.POOL_ONLY)
        .with(new InjectedBootstrapTypes())
        .with(new FailureListener())
        .ignore(new NotNamed(names))
        .assureReadEdgeTo(inst, hooks.toArray(new Class<?>[0]));
    AgentBuilder.Identified.Extendable extendable = null;
    for (TypeInstrumentation ti : all) {
      AgentBuilder.Transformer transformer = (b, type, loader, module, domain) ->
          b.visit(Advice.to(ti.adviceClass()).on(ti.methods()));
      extendable = (extendable == null ? builder : extendable)
          .type(ti::matchesType)
          .transform(transformer);
    }
    return extendable;
  }

  /** Ignores every type not named by an instrumentation, by name alone. */
  private static final class NotNamed implements ElementMatcher<TypeDescription> {
    private final Set<String> names;

    NotNamed(Set<String> names) {
      this.names = names;
    }

    @Override
    public boolean matches(TypeDescription type) {
      return !names.contains(type.getName());
    }
  }

  private static final class FailureListener extends AgentBuilder.Listener.Adapter {
    @Override
    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded,
        Throwable throwable) {
      AgentLog.warn("could not instrument " + typeName + ": " + throwable);
    }

    @Override
    public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module,
        boolean loaded, DynamicType dynamicType) {
      AgentLog.debug("instrumented " + type.getName() + (loaded ? " (retransformed)" : ""));
    }
  }
}
