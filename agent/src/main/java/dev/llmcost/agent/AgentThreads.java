package dev.llmcost.agent;

import java.security.AccessController;
import java.security.PrivilegedAction;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The agent's background threads, started by whichever thread first needs one, often an
 * application's (a web app's request thread): a thread keeps what it inherits from the thread that
 * created it for as long as it lives, and what it inherits may hold that web app's class loader.
 */
public final class AgentThreads {
  private AgentThreads() {}

  /**
   * A daemon thread that inherits neither the starter's inheritable thread-locals, nor its context
   * class loader, nor (JDK 17 to 23) the access-control context of the classes on its stack.
   */
  /**
   * One {@link #daemon} thread running the tasks queued in {@code queue} in turn: started when a
   * task comes, gone after 10 s idle. A bounded queue refuses tasks past its capacity.
   */
  public static ThreadPoolExecutor oneWhileBusy(String name, BlockingQueue<Runnable> queue) {
    ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, queue,
        r -> daemon(r, name));
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  @SuppressWarnings("removal") // AccessController: still what captures that context before JDK 24
  public static Thread daemon(Runnable task, String name) {
    Thread thread = AccessController.doPrivileged(
        (PrivilegedAction<Thread>) () -> new Thread(null, task, name, 0, false));
    thread.setDaemon(true);
    thread.setContextClassLoader(AgentThreads.class.getClassLoader());
    return thread;
  }
}
