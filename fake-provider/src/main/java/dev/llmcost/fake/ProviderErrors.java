package dev.llmcost.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Each provider family's real error body shape and request-id header. */
enum ProviderErrors {

  OPENAI("x-request-id") {
    @Override
    String body(int status, String model, String requestLine) {
      ObjectNode error = Json.object();
      switch (status) {
        case 429 -> error.put("message", "Rate limit reached for " + model + " in organization org-fake on requests per min (RPM):"
                + " Limit 3, Used 3, Requested 1. Please try again in 1s.")
            .put("type", "requests").putNull("param").put("code", "rate_limit_exceeded");
        case 400 -> error.put("message", "Invalid value for 'messages': expected a non-empty array.")
            .put("type", "invalid_request_error").put("param", "messages").putNull("code");
        case 401 -> error.put("message", "Incorrect API key provided: sk-fake***. You can find your API key at"
                + " https://platform.openai.com/account/api-keys.")
            .put("type", "invalid_request_error").putNull("param").put("code", "invalid_api_key");
        case 404 -> error.put("message", "Invalid URL (" + requestLine + ")")
            .put("type", "invalid_request_error").putNull("param").putNull("code");
        default -> error.put("message", "The server had an error while processing your request. Sorry about that!")
            .put("type", "server_error").putNull("param").putNull("code");
      }
      ObjectNode root = Json.object();
      root.set("error", error);
      return Json.write(root);
    }
  },

  ANTHROPIC("request-id") {
    @Override
    String body(int status, String model, String requestLine) {
      String type = switch (status) {
        case 400 -> "invalid_request_error";
        case 401 -> "authentication_error";
        case 403 -> "permission_error";
        case 404 -> "not_found_error";
        case 413 -> "request_too_large";
        case 429 -> "rate_limit_error";
        case 529 -> "overloaded_error";
        default -> "api_error";
      };
      String message = switch (status) {
        case 429 -> "This request would exceed the rate limit for your organization of 50 requests per minute.";
        case 529 -> "Overloaded";
        case 404 -> "Not found: " + requestLine;
        case 400 -> "messages: at least one message is required";
        default -> "Internal server error";
      };
      ObjectNode root = Json.object().put("type", "error");
      root.putObject("error").put("type", type).put("message", message);
      root.put("request_id", "req_fakeerror");
      return Json.write(root);
    }
  },

  GEMINI(null) {
    @Override
    String body(int status, String model, String requestLine) {
      String grpcStatus = switch (status) {
        case 400 -> "INVALID_ARGUMENT";
        case 401 -> "UNAUTHENTICATED";
        case 403 -> "PERMISSION_DENIED";
        case 404 -> "NOT_FOUND";
        case 429 -> "RESOURCE_EXHAUSTED";
        case 503 -> "UNAVAILABLE";
        case 504 -> "DEADLINE_EXCEEDED";
        default -> "INTERNAL";
      };
      String message = switch (status) {
        case 429 -> "Resource has been exhausted (e.g. check quota).";
        case 400 -> "Request contains an invalid argument.";
        case 404 -> "models/" + model + " is not found for API version v1beta, or is not supported for generateContent.";
        default -> "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting";
      };
      ObjectNode root = Json.object();
      root.putObject("error").put("code", status).put("message", message).put("status", grpcStatus);
      return Json.write(root);
    }
  };

  private final String requestIdHeader;

  ProviderErrors(String requestIdHeader) {
    this.requestIdHeader = requestIdHeader;
  }

  /** The header that carries the provider's request id, or null. */
  String requestIdHeader() {
    return requestIdHeader;
  }

  /** Statuses after which the providers tell clients when to retry. */
  static boolean sendsRetryAfter(int status) {
    return status == 429 || status == 503 || status == 529;
  }

  abstract String body(int status, String model, String requestLine);
}
