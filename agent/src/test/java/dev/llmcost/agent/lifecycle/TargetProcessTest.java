package dev.llmcost.agent.lifecycle;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetProcessTest {
  private static final long PID = 4242;

  @TempDir
  Path proc;
  @TempDir
  Path tmp;

  private TargetProcess withStatus(String sigIgn, String sigCgt) throws IOException {
    Path dir = Files.createDirectories(proc.resolve(Long.toString(PID)));
    Files.writeString(dir.resolve("status"), "Name:\tsomething\nSigQ:\t0/63422\nSigPnd:\t0000000000000000\n"
        + "SigBlk:\t0000000000000000\nSigIgn:\t" + sigIgn + "\nSigCgt:\t" + sigCgt + "\n");
    return new TargetProcess(PID, proc, tmp);
  }

  @Test
  void aJvmCatchesSigquitAndMayBeSignalled() throws IOException {
    assertTrue(withStatus("0000000000000002", "0000000101005ccd").mayBeSignalledToAttach());
  }

  @Test
  void aProcessWithTheDefaultSigquitActionWouldBeStoppedSoIsRefused() throws IOException {
    assertFalse(withStatus("0000000000000000", "0000000000000000").mayBeSignalledToAttach());
  }

  @Test
  void aProcessIgnoringSigquitCannotStartAListenerSoIsRefused() throws IOException {
    // what a JVM run with -Xrs shows, before its listener socket is looked at
    assertFalse(withStatus("0000000000000006", "0000000101001cc8").mayBeSignalledToAttach());
  }

  @Test
  void aJvmWhoseListenerAlreadyRunsNeedsNoSignal() throws IOException {
    TargetProcess xrs = withStatus("0000000000000006", "0000000101001cc8");
    Files.createFile(tmp.resolve(".java_pid" + PID));
    assertTrue(xrs.mayBeSignalledToAttach());
  }

  @Test
  void withoutProcStatusTheJdkDecides() {
    assertTrue(new TargetProcess(PID, proc, tmp).mayBeSignalledToAttach());
  }
}
