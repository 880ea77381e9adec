package dev.llmcost.it.apps;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Pauses the agent's tracking over JMX, as an operator would, and resumes it: one call before,
 * two while paused (JDK HttpClient and HttpURLConnection), one after. Prints each answer as
 * {@code ### answer MODEL BODY}. Usage: {@code PauseTrackingApp <base-url>}.
 */
public final class PauseTrackingApp {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  public static void main(String[] args) throws Exception {
    String base = args[0];
    answer("gpt-4o-mini", send(base, "gpt-4o-mini"));
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName tracking = new ObjectName("dev.llmcost:type=Tracking");
    for (int i = 0; i < 200 && !server.isRegistered(tracking); i++) {
      Thread.sleep(50); // registered on a thread of the agent's own after the first call
    }
    server.setAttribute(tracking, new Attribute("Paused", true));
    answer("gpt-4o", send(base, "gpt-4o"));
    answer("gpt-4.1", sendWithUrlConnection(base, "gpt-4.1"));
    System.out.println("### paused=" + server.getAttribute(tracking, "Paused"));
    server.setAttribute(tracking, new Attribute("Paused", false));
    answer("gpt-4.1-mini", send(base, "gpt-4.1-mini"));
  }

  private static String body(String model) {
    return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}]}";
  }

  private static String send(String base, String model) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body(model))).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private static String sendWithUrlConnection(String base, String model) throws Exception {
    HttpURLConnection c = (HttpURLConnection) URI.create(base + "/v1/chat/completions").toURL()
        .openConnection();
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setRequestProperty("Content-Type", "application/json");
    c.getOutputStream().write(body(model).getBytes(StandardCharsets.UTF_8));
    try (InputStream in = c.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void answer(String model, String body) {
    System.out.println("### answer " + model + " " + body.replace('\n', ' '));
  }
}
