/**
 * The address a request came from. Next.js appends the socket's peer to X-Forwarded-For, so the
 * last entry is the direct peer; each trusted reverse proxy in front adds one more entry.
 */
export function clientAddress(headers: Record<string, string | string[] | undefined> | Headers, trustedProxyHops: number): string {
  const raw = headers instanceof Headers ? headers.get("x-forwarded-for") : headers["x-forwarded-for"];
  const list = (Array.isArray(raw) ? raw.join(",") : (raw ?? "")).split(",").map((part) => part.trim()).filter(Boolean);
  return list[list.length - 1 - trustedProxyHops] ?? list[0] ?? "unknown";
}
