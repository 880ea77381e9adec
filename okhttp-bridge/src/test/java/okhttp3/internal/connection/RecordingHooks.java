package okhttp3.internal.connection;

import dev.llmcost.bootstrap.OkHttpHooks;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Installs itself as the hooks' implementation and records what the bridge classes report. */
final class RecordingHooks implements OkHttpHooks.Impl {
  final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  final List<String> events = new ArrayList<>();
  Object replacementResponse;

  static RecordingHooks install() {
    RecordingHooks hooks = new RecordingHooks();
    OkHttpHooks.install(hooks);
    return hooks;
  }

  @Override
  public Object start(Object call, boolean synchronous) {
    return null;
  }

  @Override
  public void refuse(Object rejected, Object call, Object callback) {
    throw new UnsupportedOperationException("not used by the bridge");
  }

  @Override
  public Object wrapCallback(Object token, Object callback) {
    return callback;
  }

  @Override
  public synchronized Object end(Object token, Object response, Throwable thrown) {
    events.add("end " + (response != null ? "response" : thrown.getClass().getSimpleName()));
    return replacementResponse;
  }

  @Override
  public synchronized void bodyBytes(Object body, byte[] chunk) {
    bytes.writeBytes(chunk);
  }

  @Override
  public synchronized void bodyEnded(Object body) {
    events.add("ended");
  }

  @Override
  public synchronized void bodyFailed(Object body, Throwable thrown) {
    events.add("failed " + thrown.getClass().getSimpleName());
  }

  @Override
  public synchronized boolean bodyClosed(Object body) {
    events.add("closed");
    return false;
  }

  synchronized List<String> events() {
    return List.copyOf(events);
  }
}
