package dev.llmcost.it.apps;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * {@link ApacheSpendApp}'s spend with HttpURLConnection: five calls (gpt-4o, $0.0045 each),
 * printing how each ended. Odd calls ask for the response with {@code getInputStream()}, even ones
 * with {@code getResponseCode()}; calls 3 and 5 stream their body (fixed-length streaming mode,
 * where {@code getOutputStream()} sends the request headers); a call that fails is asked for its status once more, as
 * applications do. Usage: {@code UrlConnectionSpendApp <provider-base-url>}.
 */
public final class UrlConnectionSpendApp {
  public static void main(String[] args) throws IOException {
    for (int i = 1; i <= 5; i++) {
      HttpURLConnection c = (HttpURLConnection) new URL(args[0] + "/v1/chat/completions").openConnection();
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", "application/json");
      c.setRequestProperty("x-fake-behaviour", "input=1000; output=200");
      byte[] body = LlmBodies.openAi("gpt-4o", false).getBytes(StandardCharsets.UTF_8);
      if (i == 3 || i == 5) {
        c.setFixedLengthStreamingMode(body.length); // the body leaves as it is written
      }
      try {
        try (OutputStream out = c.getOutputStream()) {
          out.write(body);
        }
        int code;
        if (i % 2 == 1) {
          try (InputStream in = c.getInputStream()) {
            in.readAllBytes();
          }
          code = c.getResponseCode();
        } else {
          code = c.getResponseCode();
          try (InputStream in = c.getInputStream()) {
            in.readAllBytes();
          }
        }
        System.out.println("### call " + i + " " + code);
      } catch (IOException e) {
        String again;
        try {
          again = "status " + c.getResponseCode();
        } catch (IOException e2) {
          again = e2.getClass().getName();
        }
        System.out.println("### call " + i + " failed " + e.getClass().getName() + ": " + e.getMessage()
            + " | then " + again);
      } finally {
        c.disconnect();
      }
    }
  }
}
