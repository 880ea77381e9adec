package dev.llmcost.agent.http.apache.helpers;

import java.net.URI;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.net.URIAuthority;

/** Where a request goes, as the endpoint matcher wants it: the path without its query. */
record Target(String scheme, String host, int port, String path) {

  /** From the explicit target when the caller gave one, else from the request; null if unknown. */
  static Target of(HttpHost target, HttpRequest request) {
    String scheme;
    String host;
    int port;
    if (target != null) {
      scheme = target.getSchemeName();
      host = target.getHostName();
      port = target.getPort();
    } else {
      URIAuthority authority = request.getAuthority();
      if (authority == null) {
        return null;
      }
      scheme = request.getScheme();
      host = authority.getHostName();
      port = authority.getPort();
    }
    String path = request.getPath();
    if (host == null || path == null) {
      return null;
    }
    if (!path.startsWith("/")) {
      path = URI.create(path).getRawPath(); // absolute-form request target
    }
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    if (scheme == null) {
      scheme = "http";
    }
    if (port < 0) {
      port = "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }
    return new Target(scheme, host, port, path);
  }
}
