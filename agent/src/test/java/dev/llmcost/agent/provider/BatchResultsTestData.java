package dev.llmcost.agent.provider;

/** The results files of {@link BatchResultsTest}, for tests in other packages. */
public final class BatchResultsTestData {
  public static final String OPENAI_OUTPUT = BatchResultsTest.OPENAI_OUTPUT;
  public static final String ANTHROPIC_RESULTS = BatchResultsTest.ANTHROPIC_RESULTS;

  private BatchResultsTestData() {}
}
