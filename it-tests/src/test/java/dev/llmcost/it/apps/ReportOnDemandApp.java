package dev.llmcost.it.apps;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Makes one call, then reads the agent's run report through JMX as an operator's tool would, and
 * stays up long enough for one interval report. Prints {@code ### jmx calls=N} and
 * {@code ### jmx json=...}. Usage: {@code ReportOnDemandApp <base-url> <stay-millis>}.
 */
public final class ReportOnDemandApp {
  public static void main(String[] args) throws Exception {
    HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(args[0] + "/v1/chat/completions"))
        .header("x-fake-behaviour", "input=1000; output=200")
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o-mini\",\"messages\":"
            + "[{\"role\":\"user\",\"content\":\"Say hi\"}]}")).build(),
        HttpResponse.BodyHandlers.ofString());
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = new ObjectName("dev.llmcost:type=RunReport");
    for (int i = 0; i < 200 && !server.isRegistered(name); i++) {
      Thread.sleep(50); // registered on a thread of the agent's own after the first call
    }
    System.out.println("### jmx calls=" + server.getAttribute(name, "Calls"));
    System.out.println("### jmx json=" + server.getAttribute(name, "Json"));
    Thread.sleep(Long.parseLong(args[1]));
  }
}
