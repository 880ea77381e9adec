package dev.llmcost.it.harness;

import dev.llmcost.fake.Eventually;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Drains one output stream of a child process on its own thread (so the child never blocks on a
 * full pipe) and keeps the text for assertions and for waiting on a marker line.
 */
final class OutputCapture {

  private final StringBuilder text = new StringBuilder();
  private final Thread pump;

  /** @param echo where to copy the output with a prefix while it arrives (debugging), or null */
  OutputCapture(InputStream stream, String name, PrintStream echo) {
    pump = new Thread(() -> drain(stream, name, echo), "capture-" + name);
    pump.setDaemon(true);
    pump.start();
  }

  private void drain(InputStream stream, String name, PrintStream echo) {
    char[] buf = new char[8192];
    try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
      int n;
      while ((n = reader.read(buf)) >= 0) {
        synchronized (text) {
          text.append(buf, 0, n);
        }
        if (echo != null) {
          echo.print(new String(buf, 0, n).replaceAll("(?m)^", "[" + name + "] "));
        }
      }
    } catch (IOException ignored) {
      // the process is gone: what was read is kept
    }
  }

  String text() {
    synchronized (text) {
      return text.toString();
    }
  }

  boolean awaitContains(String needle, Duration timeout) {
    return Eventually.holds(timeout, () -> text().contains(needle));
  }

  /** Waits for the stream to end (the child exited and closed it); bounded. */
  void awaitEnd(Duration timeout) {
    try {
      pump.join(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
