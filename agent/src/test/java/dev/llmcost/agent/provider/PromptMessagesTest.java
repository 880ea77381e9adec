package dev.llmcost.agent.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcost.agent.provider.PromptMessages.Message;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptMessagesTest {

  @Test
  void chatMessagesKeepTheirRolesAndTextParts() {
    List<Message> messages = PromptMessages.read(Api.OPENAI_CHAT_COMPLETIONS, Payloads.load("openai/chat_request.json"));
    assertEquals(List.of(
        new Message("system", "You are a terse assistant. Answer in one sentence."),
        new Message("user", "What is in this image?"),
        new Message("assistant", "A single transparent pixel."),
        new Message("user", "Und auf Deutsch, bitte? 🙏")), messages);
  }

  @Test
  void anthropicSystemBlocksComeFirstAsSystemMessages() {
    List<Message> messages = PromptMessages.read(Api.ANTHROPIC_MESSAGES, Payloads.load("anthropic/request.json"));
    assertEquals(new Message("system", "You are an AI assistant tasked with analyzing legal documents."), messages.get(0));
    assertEquals(new Message("user", "What are the key terms and conditions in this agreement?"), messages.get(2));
    assertEquals(new Message("user", "Résumé en français ?"), messages.get(messages.size() - 1));
  }

  @Test
  void geminiContentsAndSystemInstruction() {
    List<Message> messages = PromptMessages.read(Api.GEMINI_GENERATE_CONTENT, Payloads.load("gemini/request.json"));
    assertEquals(List.of(
        new Message("system", "You are a cat. Your name is Neko."),
        new Message("user", "Hello there"),
        new Message("model", "Meow? Purr."),
        new Message("user", "Explain how AI works in a few words")), messages);
  }

  @Test
  void responsesInstructionsAndInputItems() {
    List<Message> messages = PromptMessages.read(Api.OPENAI_RESPONSES, Payloads.load("openai/responses_request.json"));
    assertEquals(new Message("system", "Talk like a pirate."), messages.get(0));
    assertEquals(new Message("user", "Are semicolons optional in JavaScript?"), messages.get(1));
    assertEquals(new Message("user", "Answer briefly."), messages.get(2));
  }

  @Test
  void aBrokenBodyGivesWhatWasReadBeforeTheDamage() {
    byte[] body = Payloads.load("openai/chat_request.json");
    List<Message> messages = PromptMessages.read(Api.OPENAI_CHAT_COMPLETIONS, Arrays.copyOf(body, body.length / 3));
    assertTrue(messages.size() >= 1 && messages.size() < 4, messages.toString());
    assertEquals(List.of(), PromptMessages.read(Api.OPENAI_CHAT_COMPLETIONS, Payloads.utf8("not json at all")));
  }

  @Test
  void wholeBodyTextIsReadOnlyWhenAskedFor() {
    byte[] body = Payloads.load("openai/chat_completion.json");
    OpenAiCodec chat = new OpenAiCodec(Api.OPENAI_CHAT_COMPLETIONS);
    assertEquals("", Payloads.feed(chat.newResponseParser(false, null), body, 64).outputText.toString());
    assertTrue(Payloads.feed(chat.newResponseParser(false, null, true), body, 64).outputText.toString()
        .startsWith("Grüße! 👋 Die Hauptstadt von Japan ist Tokio"));
    assertTrue(Payloads.feed(new AnthropicCodec().newResponseParser(false, null, true),
        Payloads.load("anthropic/message.json"), 64).outputText.toString().startsWith("Here is a summary"));
    assertTrue(Payloads.feed(new OpenAiCodec(Api.OPENAI_RESPONSES).newResponseParser(false, null, true),
        Payloads.load("openai/responses.json"), 64).outputText.toString().startsWith("In a peaceful grove"));
    assertTrue(Payloads.feed(new GeminiCodec(Api.GEMINI_GENERATE_CONTENT).newResponseParser(false, null, true),
        Payloads.load("gemini/generate_content.json"), 64).outputText.toString().startsWith("Artificial intelligence"));
  }
}
