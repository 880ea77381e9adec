package dev.llmcost.agent.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.llmcost.agent.provider.PromptMessages.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentCaptureTest {

  @Test
  void messagesFollowTheGenAiConventionsShape() {
    ContentCapture capture = new ContentCapture(1000, "");
    assertEquals("[{\"role\":\"system\",\"parts\":[{\"type\":\"text\",\"content\":\"Be terse.\"}]},"
            + "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Say \\\"hi\\\"\\n\"}]}]",
        capture.inputMessages(List.of(new Message("system", "Be terse."), new Message("user", "Say \"hi\"\n"))));
    assertEquals("[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"Hi!\"}],\"finish_reason\":\"stop\"}]",
        capture.outputMessages("Hi!", List.of("stop")));
  }

  @Test
  void theCapCountsEveryMessageTogether() {
    ContentCapture capture = new ContentCapture(8, "");
    assertEquals("[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"abcde\"}]},"
            + "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"fgh\"}]},"
            + "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"\"}]}]",
        capture.inputMessages(List.of(new Message("user", "abcde"), new Message("user", "fghij"), new Message("user", "k"))));
    assertEquals("[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"12345678\"}]}]",
        capture.outputMessages("1234567890", List.of()));
  }

  @Test
  void theCapNeverSplitsACharacter() {
    ContentCapture capture = new ContentCapture(2, "");
    assertEquals("[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"a\"}]}]",
        capture.outputMessages("a🙏", List.of()));
  }

  @Test
  void configuredPatternsAndKeyShapesAreRedactedBeforeCapping() {
    ContentCapture capture = new ContentCapture(1000, "\\b\\d{4}-\\d{4}-\\d{4}-\\d{4}\\b|[\\w.]+@[\\w.]+");
    assertEquals("card [REDACTED], mail [REDACTED], key [REDACTED], gemini [REDACTED], auth [REDACTED]",
        capture.redact("card 4111-1111-1111-1111, mail jane.doe@example.com, key sk-proj-abcdefghij0123, "
            + "gemini AIzaSyA1234567890abcdefgh, auth Bearer abc.def-123456"));
    ContentCapture capped = new ContentCapture(10, "");
    assertEquals("[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"[REDACTED]\"}]}]",
        capped.outputMessages("sk-abcdefghijklmnop and more", List.of()));
  }

  @Test
  void anInvalidPatternCapturesNothingRatherThanUnredactedText() {
    ContentCapture capture = new ContentCapture(1000, "([unclosed");
    assertEquals("[REDACTED]", capture.redact("a secret prompt\nover two lines"));
  }

  @Test
  void noTextGivesNoAttribute() {
    ContentCapture capture = new ContentCapture(1000, "");
    assertNull(capture.inputMessages(List.of()));
    assertNull(capture.outputMessages("", List.of("stop")));
  }
}
