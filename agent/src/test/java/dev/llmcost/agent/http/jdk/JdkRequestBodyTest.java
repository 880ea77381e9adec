package dev.llmcost.agent.http.jdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class JdkRequestBodyTest {
  private static HttpRequest post(HttpRequest.BodyPublisher body) {
    return HttpRequest.newBuilder(URI.create("http://localhost/v1/chat/completions")).POST(body).build();
  }

  @Test
  void aStringBodyIsReadWhole() {
    String json = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"héllo\"}]}";
    assertArrayEquals(json.getBytes(StandardCharsets.UTF_8),
        JdkRequestBody.read(post(BodyPublishers.ofString(json)), 1 << 20));
  }

  @Test
  void aBodyOfManyBuffersIsReadWholeAndTheRequestStillSendsIt() {
    byte[] big = new byte[100_000]; // the JDK hands it over in 16 KB buffers
    Arrays.fill(big, (byte) 'x');
    big[0] = '{';
    big[big.length - 1] = '}';
    HttpRequest request = post(BodyPublishers.ofByteArray(big));
    assertArrayEquals(big, JdkRequestBody.read(request, 1 << 20));
    assertArrayEquals(big, JdkRequestBody.read(request, 1 << 20), "replayable: read again, same bytes");
  }

  @Test
  void noMoreThanMaxBytesIsRead() {
    byte[] body = "0123456789".repeat(10).getBytes(StandardCharsets.US_ASCII);
    assertArrayEquals(Arrays.copyOf(body, 25),
        JdkRequestBody.read(post(BodyPublishers.ofByteArray(body)), 25));
  }

  @Test
  void anEmptyBodyIsEmpty() {
    assertEquals(0, JdkRequestBody.read(post(BodyPublishers.ofString("")), 1 << 20).length);
  }

  @Test
  void aStreamedBodyIsNeverTouched() {
    assertNull(JdkRequestBody.read(post(BodyPublishers.ofInputStream(
        () -> new ByteArrayInputStream(new byte[] {'{', '}'}))), 1 << 20));
    assertNull(JdkRequestBody.read(
        HttpRequest.newBuilder(URI.create("http://localhost/v1/models")).GET().build(), 1 << 20));
  }
}
