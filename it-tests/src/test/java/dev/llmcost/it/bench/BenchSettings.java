package dev.llmcost.it.bench;

/**
 * How much to measure. The defaults keep the whole run under ten minutes on a 2-core machine;
 * raise the repetitions for tighter figures ({@code -Dbench.rounds=12}).
 */
record BenchSettings(
    int startupReps,
    /** Each steady-state JVM warms up at least this long, then until its JIT compiler settles. */
    double warmupSeconds,
    double warmupMaxSeconds,
    int rounds,
    int jvmsPerSetup,
    int llmCalls,
    int restCalls,
    double throughputSeconds,
    int concurrency,
    int streamChunks,
    boolean jmh,
    String jmhArgs) {

  static BenchSettings fromSystemProperties() {
    return new BenchSettings(
        Integer.getInteger("bench.startupReps", 5),
        Double.parseDouble(System.getProperty("bench.warmupSeconds", "20")),
        Double.parseDouble(System.getProperty("bench.warmupMaxSeconds", "45")),
        Integer.getInteger("bench.rounds", 8),
        Math.max(1, Integer.getInteger("bench.jvmsPerSetup", 2)),
        Integer.getInteger("bench.llmCalls", 1000),
        Integer.getInteger("bench.restCalls", 600),
        Double.parseDouble(System.getProperty("bench.throughputSeconds", "2")),
        Integer.getInteger("bench.concurrency", 64),
        Integer.getInteger("bench.streamChunks", 20),
        Boolean.parseBoolean(System.getProperty("bench.jmh", "true")),
        System.getProperty("bench.jmhArgs", "-f 1 -wi 2 -w 1 -i 3 -r 1"));
  }
}
