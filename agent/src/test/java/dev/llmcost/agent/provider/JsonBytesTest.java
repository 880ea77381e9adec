package dev.llmcost.agent.provider;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBytesTest {
  private static final String[] KEYS = {JsonBytes.key("usage"), JsonBytes.key("finish_reason")};

  @Test
  void aKeyWithAValueIsFound() {
    assertTrue(has("{\"choices\":[],\"usage\":{\"prompt_tokens\":3}}"));
    assertTrue(has("{\"choices\":[{\"finish_reason\" :\t\"stop\"}]}"));
    assertTrue(has("{\"usage\":0}"));
  }

  @Test
  void nullValuesEscapedKeysAndOtherFieldsAreNot() {
    assertFalse(has("{\"choices\":[{\"delta\":{\"content\":\"hi\"},\"finish_reason\":null}],\"usage\":null}"));
    assertFalse(has("{\"delta\":{\"content\":\"say \\\"usage\\\": 12\"}}"));
    assertFalse(has("{\"usage_hint\":1,\"usages\":2}"));
    assertFalse(has("{\"usage\""));
    assertFalse(has("{\"usage\": "));
    assertFalse(has(""));
  }

  @Test
  void aLaterOccurrenceCountsWhenAnEarlierOneIsNull() {
    assertTrue(has("{\"usage\":null,\"x\":{\"usage\":{\"total\":1}}}"));
  }

  @Test
  void onlyTheGivenRangeIsSearchedAndNonAsciiTextIsHarmless() {
    byte[] bytes = "xx{\"usage\":1}yy{\"t\":\"é→\"}".getBytes(StandardCharsets.UTF_8);
    assertTrue(JsonBytes.hasValue(bytes, 2, 13, KEYS));
    assertFalse(JsonBytes.hasValue(bytes, 4, 13, KEYS), "the key's opening quote is outside");
    assertFalse(JsonBytes.hasValue(bytes, 13, bytes.length, KEYS));
  }

  private static boolean has(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return JsonBytes.hasValue(bytes, 0, bytes.length, KEYS);
  }
}
