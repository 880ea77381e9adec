package dev.llmcost.agent.pricing;

import dev.llmcost.agent.AgentLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Collects what AgentLog prints (it writes to standard error) while a test runs. */
public final class AgentLogCapture implements AutoCloseable {
  private final PrintStream original = System.err;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  public AgentLogCapture() {
    AgentLog.setLevel(AgentLog.Level.INFO);
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
  }

  public List<String> lines() {
    String text = bytes.toString(StandardCharsets.UTF_8);
    return text.isEmpty() ? List.of() : Arrays.asList(text.split("\\R"));
  }

  @Override
  public void close() {
    System.setErr(original);
  }
}
