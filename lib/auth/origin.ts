// The desk's own origin (scheme, host, port), as next-auth v4 works it out: NEXTAUTH_URL's origin
// when it is set, else the request's X-Forwarded-Host (or Host) with X-Forwarded-Proto ("http"
// means http, anything else https). Next.js fills both forwarded headers from the request when no
// proxy sent them. Behind a reverse proxy, set NEXTAUTH_URL or have the proxy pass both headers.
// `requestUrl` serves when a request carries no Host at all (one built in a test).
export function deskOrigin(headers: Headers, requestUrl?: string): string {
  const configured = process.env.NEXTAUTH_URL;
  if (configured) return new URL(configured).origin;
  const host = firstValue(headers.get("x-forwarded-host")) ?? firstValue(headers.get("host"));
  if (!host) return new URL(requestUrl ?? "http://localhost").origin;
  const protocol = firstValue(headers.get("x-forwarded-proto")) === "http" ? "http" : "https";
  return new URL(`${protocol}://${host}`).origin;
}

// Proxies that append rather than replace leave a list; the first entry is the client's request.
function firstValue(value: string | null): string | undefined {
  return value?.split(",")[0]?.trim() || undefined;
}
