// Where to send someone after signing in: only a place on the desk itself. The target is parsed
// as a browser would (WHATWG URL: tabs and newlines dropped, "\" read as "/"), resolved against the
// desk's origin, and refused unless it stays on that origin; the login page and next-auth's
// redirect callback both ask here.

/** A path on the desk (`/…`, with query and fragment) for this target, or "/" when it leads elsewhere. */
export function safeRedirect(target: string | string[] | undefined | null, origin: string): string {
  const value = Array.isArray(target) ? target[0] : target;
  if (!value) return "/";
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return "/";
  }
  if (url.origin !== new URL(origin).origin) return "/";
  // "//host" as a path would itself be read as another origin.
  return `${url.pathname.replace(/^\/+/, "/")}${url.search}${url.hash}`;
}
