package dev.llmcost.agent.provider;

import static dev.llmcost.agent.provider.Payloads.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonScannerTest {

  /** Records what the scanner reports, as "path=text" lines. */
  private static final class Recorder implements JsonScanner.Listener {
    final List<String> values = new ArrayList<>();
    final List<String> containers = new ArrayList<>();

    @Override
    public void onValue(String path, JsonScanner.Value value) {
      values.add(path + "=" + value.text());
    }

    @Override
    public void onContainerStart(String path, boolean array) {
      containers.add((array ? "[" : "{") + path);
    }

    @Override
    public void onContainerEnd(String path, boolean array) {
      containers.add(path + (array ? "]" : "}"));
    }
  }

  private static Recorder scan(String json, int chunkSize, String... paths) {
    Recorder recorder = new Recorder();
    JsonScanner scanner = new JsonScanner(JsonPaths.of(paths), recorder);
    byte[] bytes = utf8(json);
    for (int i = 0; i < bytes.length; i += chunkSize) {
      scanner.feed(bytes, i, Math.min(chunkSize, bytes.length - i));
    }
    scanner.end();
    return recorder;
  }

  private static JsonScanner scanAll(String json, JsonPaths paths, JsonScanner.Listener listener) {
    byte[] bytes = utf8(json);
    return JsonScanner.scan(bytes, 0, bytes.length, paths, listener);
  }

  @Test
  void reportsWantedScalarsWithTheirPathAndArrayIndicesCollapsed() {
    String json = """
        {"id":"chatcmpl-1","choices":[{"index":0,"finish_reason":"stop"},{"index":1,"finish_reason":"length"}],
         "usage":{"prompt_tokens":10,"prompt_tokens_details":{"cached_tokens":12}}}""";

    Recorder r = scan(json, 1000, "id", "choices[].finish_reason", "usage.prompt_tokens_details.cached_tokens");

    assertEquals(List.of("id=chatcmpl-1", "choices[].finish_reason=stop", "choices[].finish_reason=length",
        "usage.prompt_tokens_details.cached_tokens=12"), r.values);
  }

  @Test
  void fieldsNobodyAskedForAreNeverReported() {
    String json = """
        {"data":[{"embedding":[0.1,0.2,{"deep":[1,2,3]}],"object":"embedding"}],"model":"m","object":"list"}""";

    Recorder r = scan(json, 3, "model");

    assertEquals(List.of("model=m"), r.values);
    assertEquals(List.of("{", "}"), r.containers);
  }

  @Test
  void aListedContainerWithNothingBelowItIsReportedWhole() {
    String json = """
        {"error":{"message":"Overloaded","type":"overloaded_error","details":[{"a":1}]},"other":2}""";

    Recorder r = scan(json, 5, "error");

    assertEquals(List.of("error.message=Overloaded", "error.type=overloaded_error", "error.details[].a=1"),
        r.values);
  }

  @Test
  void multiByteCharactersSplitAcrossChunksDecodeIntact() {
    String json = "{\"text\":\"Grüße 東京 👋\",\"n\":1}";

    for (int size = 1; size <= 8; size++) {
      assertEquals(List.of("text=Grüße 東京 👋", "n=1"), scan(json, size, "text", "n").values, "chunk " + size);
    }
  }

  @Test
  void elementsOfARootArrayAreUnderBrackets() {
    String json = "[{\"usageMetadata\":{\"promptTokenCount\":3}},{\"usageMetadata\":{\"promptTokenCount\":4}}]";

    Recorder r = scan(json, 2, "[].usageMetadata.promptTokenCount");

    assertEquals(List.of("[].usageMetadata.promptTokenCount=3", "[].usageMetadata.promptTokenCount=4"), r.values);
  }

  @Test
  void wantedContainersAreAnnouncedAtStartAndEnd() {
    Recorder r = scan("{\"messages\":[{\"content\":\"hi\"}],\"skip\":{}}", 4, "messages[].content");

    assertEquals(List.of("{", "[messages", "{messages[]", "messages[]}", "messages]", "}"), r.containers);
  }

  @Test
  void malformedJsonIsFlaggedAndTheRestIgnoredWithoutThrowing() {
    Recorder recorder = new Recorder();
    JsonScanner scanner = new JsonScanner(JsonPaths.of("a", "b"), recorder);

    byte[] bad = utf8("{\"a\":1,,\"b\":2}");
    byte[] more = utf8("{\"b\":3}");
    scanner.feed(bad, 0, bad.length);
    scanner.feed(more, 0, more.length);
    scanner.end();

    assertTrue(scanner.isMalformed());
    assertEquals(List.of("a=1"), recorder.values);
  }

  @Test
  void aBodyThatIsNotJsonIsMalformed() {
    JsonScanner scanner = scanAll("<html>502 Bad Gateway</html>",
        JsonPaths.of("a"), new Recorder());

    assertTrue(scanner.isMalformed());
    assertFalse(scanner.isComplete());
  }

  @Test
  void aDocumentCutShortIsTruncatedNotMalformed() {
    Recorder recorder = new Recorder();
    String json = "{\"usage\":{\"prompt_tokens\":5,\"completion_to";
    JsonScanner scanner = scanAll(json,
        JsonPaths.of("usage.prompt_tokens", "usage.completion_tokens"), recorder);

    assertTrue(scanner.isTruncated());
    assertFalse(scanner.isMalformed());
    assertFalse(scanner.isComplete());
    assertEquals(List.of("usage.prompt_tokens=5"), recorder.values);
  }

  @Test
  void aCompleteDocumentIsComplete() {
    JsonScanner scanner = scanAll("{\"a\":[1,2]}", JsonPaths.of("b"), new Recorder());

    assertTrue(scanner.isComplete());
    assertFalse(scanner.isTruncated());
  }

  @Test
  void theCallersBufferIsLeftWhereItWas() {
    ByteBuffer buffer = ByteBuffer.wrap(utf8("xx{\"a\":1}yy"), 2, 7);
    JsonScanner scanner = new JsonScanner(JsonPaths.of("a"), new Recorder());

    scanner.feed(buffer);

    assertEquals(2, buffer.position());
    assertEquals(9, buffer.limit());
    assertTrue(scanner.isComplete());
  }

  @Test
  void numbersAreReadAsTheListenerAsksAndOutOfRangeOnesFallBack() {
    List<String> seen = new ArrayList<>();
    JsonScanner.Listener listener = (path, value) ->
        seen.add(path + ":" + value.asLong(-1) + ":" + value.asDouble() + ":" + value.asBoolean());
    scanAll("{\"i\":42,\"f\":12.9,\"big\":123456789012345678901234567890,\"s\":\"7\",\"t\":true}",
        JsonPaths.of("i", "f", "big", "s", "t"), listener);

    assertEquals(List.of("i:42:42.0:null", "f:12:12.9:null", "big:-1:1.2345678901234568E29:null",
        "s:-1:null:null", "t:-1:null:true"), seen);
  }

  @Test
  void aStringCanBeReadAsACharacterViewWithoutBuildingAString() {
    List<CharSequence> views = new ArrayList<>();
    JsonScanner.Listener listener = (path, value) -> views.add(value.chars().toString());
    scanAll("{\"delta\":\"Hel\\nlo\"}", JsonPaths.of("delta"), listener);

    assertEquals(List.of("Hel\nlo"), views);
  }

  /**
   * A whole document in an array is read by the blocking parser, a fed one by the non-blocking
   * one: both must report the same values, containers and flags, whole or cut at any byte.
   */
  @Test
  void scanningAWholeArrayReportsWhatFeedingItInChunksReports() {
    List<String> documents = List.of(
        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Grüße \\u00e9 \\\"q\\\" 東京\"}],"
            + "\"skip\":{\"deep\":[1,2.5,{\"x\":null}],\"s\":\"long unwanted text\"},\"max_tokens\":300,\"stream\":true}",
        "[{\"usageMetadata\":{\"promptTokenCount\":3}},{\"usageMetadata\":{\"promptTokenCount\":4}}]",
        "{\"a\":1,,\"b\":2}", "<html>502</html>", "{} {", "{}x", "  ", "\"just a string\"", "42");
    JsonPaths paths = JsonPaths.of("model", "messages[].role", "messages[].content", "max_tokens",
        "stream", "[].usageMetadata.promptTokenCount", "a", "b", "skip.s");
    for (String document : documents) {
      byte[] bytes = utf8(document);
      for (int cut = 0; cut <= bytes.length; cut++) {
        Recorder whole = new Recorder();
        JsonScanner scanned = JsonScanner.scan(bytes, 0, cut, paths, whole);
        Recorder fed = new Recorder();
        JsonScanner chunked = new JsonScanner(paths, fed);
        for (int i = 0; i < cut; i += 3) {
          chunked.feed(bytes, i, Math.min(3, cut - i));
        }
        chunked.end();
        String where = document + " cut at " + cut;
        assertEquals(fed.values, whole.values, where);
        assertEquals(fed.containers, whole.containers, where);
        assertEquals(chunked.isComplete(), scanned.isComplete(), where);
        assertEquals(chunked.isMalformed(), scanned.isMalformed(), where);
        assertEquals(chunked.isTruncated(), scanned.isTruncated(), where);
      }
    }
  }
}
