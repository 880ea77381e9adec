package okhttp3.internal.connection;

import dev.llmcost.bootstrap.OkHttpHooks;
import java.io.IOException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Response;

/**
 * The application's callback, called exactly as OkHttp would call it, on the same thread; the
 * response it receives reports its body's bytes as the application reads them.
 */
final class LlmCostCallback implements Callback {
  private final Callback delegate;
  private final Object token;

  LlmCostCallback(Callback delegate, Object token) {
    this.delegate = delegate;
    this.token = token;
  }

  @Override
  public void onResponse(Call call, Response response) throws IOException {
    Object observed = OkHttpHooks.end(token, response, null);
    delegate.onResponse(call, observed instanceof Response ? (Response) observed : response);
  }

  @Override
  public void onFailure(Call call, IOException e) {
    OkHttpHooks.end(token, null, e);
    delegate.onFailure(call, e);
  }
}
