package com.acme.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.agent.call.CallSite;
import dev.llmcost.agent.call.CallSites;
import dev.llmcost.agent.call.LibraryFrames;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The call site is the innermost application frame, with the next two out as callers, however
 * many library frames lie between it and the search (this class stands for the application).
 */
class CallSitesTest {
  private final CallSites callSites = new CallSites();

  @Test
  void findsTheApplicationFramesPastFewOrManyLibraryFrames() {
    for (int libraryFrames : new int[] {0, 5, 14, 40}) {
      CallSite site = checkout(libraryFrames);
      assertEquals("com.acme.shop.CallSitesTest.sendOrder", site.function(), "past " + libraryFrames);
      assertEquals("CallSitesTest.java", site.file());
      assertTrue(site.line() > 0);
      List<String> callers = site.callers();
      assertEquals(2, callers.size(), callers.toString());
      assertTrue(callers.get(0).startsWith("com.acme.shop.CallSitesTest.checkout(CallSitesTest.java:"), callers.get(0));
      assertTrue(callers.get(1).startsWith("com.acme.shop.CallSitesTest.findsTheApplicationFramesPastFewOrManyLibraryFrames("),
          callers.get(1));
    }
  }

  @Test
  void noApplicationFrameWithinTheSearchDepthMeansNoSite() {
    assertEquals(null, LibraryFrames.under(80, callSites::applicationFrame));
  }

  @Test
  void aSiteIsNamedOnceAndSharedByTheCallsMadeFromIt() {
    List<CallSite> sites = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      sites.add(checkout(5));
    }
    assertSame(sites.get(0), sites.get(1));
    assertSame(sites.get(0), sites.get(2));
    assertNotEquals(sites.get(0).callers(), sendOrder(5).callers(), "another caller, another site");
  }

  /** Two lambdas of one shape send from the same bytecode index: only their names tell them apart. */
  @Test
  void lambdasSendingFromTheSameIndexOfOneClassHaveTheirOwnSites() {
    Supplier<CallSite> first = () -> callSites.applicationFrame();
    Supplier<CallSite> second = () -> callSites.applicationFrame();
    List<CallSite> sites = new ArrayList<>();
    for (Supplier<CallSite> send : List.of(first, second, first)) {
      sites.add(send.get());
    }
    assertNotEquals(sites.get(0).function(), sites.get(1).function());
    assertEquals(sites.get(0).line() + 1, sites.get(1).line());
    assertEquals(sites.get(0).callers(), sites.get(1).callers());
    assertSame(sites.get(0), sites.get(2));
  }

  /** A site remembered by this class must not keep its caller's class loader alive. */
  @Test
  void aRememberedSiteLetsItsCallersClassLoaderGo() throws Exception {
    WeakReference<ClassLoader> loader = callFromAnUnloadableClass();
    for (int i = 0; i < 50 && loader.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertNull(loader.get(), "the caller's class loader was collected");
  }

  private WeakReference<ClassLoader> callFromAnUnloadableClass() throws Exception {
    ClassLoader own = new OwnStorefrontLoader(getClass().getClassLoader());
    @SuppressWarnings("unchecked")
    Function<Supplier<CallSite>, CallSite> storefront = (Function<Supplier<CallSite>, CallSite>)
        own.loadClass(Storefront.class.getName()).getConstructor().newInstance();
    assertNotEquals(Storefront.class, storefront.getClass(), "loaded apart");
    CallSite site = storefront.apply(this::sendOrderForTheStorefront);
    assertSame(site, storefront.apply(this::sendOrderForTheStorefront), "remembered");
    assertTrue(site.callers().get(0).startsWith(Storefront.class.getName() + ".apply("), site.toString());
    return new WeakReference<>(own);
  }

  private CallSite sendOrderForTheStorefront() {
    return callSites.applicationFrame();
  }

  /** Defines {@link Storefront} itself; everything else comes from the parent. */
  private static final class OwnStorefrontLoader extends ClassLoader {
    OwnStorefrontLoader(ClassLoader parent) {
      super(parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.equals(Storefront.class.getName())) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded != null) {
          return loaded;
        }
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
          byte[] bytes = in.readAllBytes();
          return defineClass(name, bytes, 0, bytes.length);
        } catch (java.io.IOException e) {
          throw new ClassNotFoundException(name, e);
        }
      }
    }
  }

  private CallSite checkout(int libraryFrames) {
    return sendOrder(libraryFrames);
  }

  private CallSite sendOrder(int libraryFrames) {
    return LibraryFrames.under(libraryFrames, callSites::applicationFrame);
  }
}
