/**
 * The address a request came from, for sign-in throttling.
 *
 * Next.js sets X-Forwarded-For to the socket's peer only when the request has none, and each
 * reverse proxy appends the address it saw. With N trusted proxies the client is therefore the
 * N-th entry from the end (the last one when N is 0 or 1). Without a proxy a client can send its
 * own header, so production should run behind one; the per-account limit holds regardless.
 */
export function clientAddress(
  headers: Record<string, string | string[] | undefined> | Headers,
  trustedProxyHops: number,
): string {
  const raw = headers instanceof Headers ? headers.get("x-forwarded-for") : headers["x-forwarded-for"];
  const list = (Array.isArray(raw) ? raw.join(",") : (raw ?? ""))
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  return list[list.length - Math.max(trustedProxyHops, 1)] ?? list[0] ?? "unknown";
}
