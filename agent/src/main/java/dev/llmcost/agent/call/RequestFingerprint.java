package dev.llmcost.agent.call;

/** A 64-bit FNV-1a hash of a request body: cheap, and enough to recognise the same request. */
final class RequestFingerprint {
  private static final long OFFSET = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private RequestFingerprint() {}

  /** 0 when there is no body to fingerprint. */
  static long of(byte[] body) {
    if (body == null || body.length == 0) {
      return 0;
    }
    long hash = OFFSET;
    for (byte b : body) {
      hash ^= b & 0xff;
      hash *= PRIME;
    }
    return hash == 0 ? 1 : hash;
  }
}
