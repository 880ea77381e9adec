package dev.llmcost.it.harness;

/**
 * One OTLP request body exactly as it arrived ({@code body}) and after gunzip ({@code decoded}),
 * kept so a test can search everything a JVM exported (e.g. for a planted secret).
 */
public record RawExport(String path, String contentType, String contentEncoding, byte[] body, byte[] decoded,
    long receivedNanos) {
}
