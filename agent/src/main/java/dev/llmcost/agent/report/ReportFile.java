package dev.llmcost.agent.report;

import dev.llmcost.agent.AgentLog;
import java.io.File;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** Writes the run report as JSON to {@code llmcost.report.file} at exit. */
public final class ReportFile {
  private ReportFile() {}

  public static void write(String path, RunReport report) {
    if (path == null || path.isBlank()) {
      return;
    }
    File file = new File(path);
    File tmp = new File(file.getAbsoluteFile().getParentFile(), file.getName() + ".tmp");
    try (Writer out = new OutputStreamWriter(new FileOutputStream(tmp), StandardCharsets.UTF_8)) {
      out.write(report.toJson());
    } catch (Exception e) {
      AgentLog.warn("could not write the run report to " + path + ": " + e);
      return;
    }
    if (!tmp.renameTo(file)) {
      AgentLog.warn("could not write the run report to " + path);
    }
  }
}
