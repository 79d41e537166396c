import "server-only";
import { problem } from "@/lib/api/problem";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { describeInput, type ProviderInput } from "./resolve-input";

// Direct play of a Plex- or Jellyfin-only asset: the desk asks the server for the bytes the
// browser asks for (Range passed through) and streams the answer back. The browser sees the desk's
// URL and a few chosen headers only: never the server's address, its token, or its cookies.

// Media types passed on as the server names them; anything else (an HTML error or login page, a
// server that sends none) goes out as opaque bytes, so the desk's origin never renders it.
const MEDIA_TYPE = /^(?:video|audio)\/[\w.+-]+$/i;
const PASSED_ON = ["content-length", "content-range", "accept-ranges"];

/**
 * The provider's answer to this request's Range (GET or HEAD): 200, 206 or 416 as the server gives
 * them; anything else, a network failure or no response head within PROVIDER_TIMEOUT_MS is a 502
 * `provider_unreachable` naming the source. No retries: the media element asks again itself. The
 * upstream request ends when `signal` (the browser's request) aborts or the body is cancelled.
 */
export async function proxyProviderMedia(
  input: ProviderInput,
  request: Request,
  signal: AbortSignal,
): Promise<Response> {
  const method = request.method === "HEAD" ? "HEAD" : "GET";
  const range = request.headers.get("range");
  const upstream = new AbortController();
  const abort = () => upstream.abort(signal.reason);
  signal.addEventListener("abort", abort, { once: true });
  if (signal.aborted) abort();
  // The timeout covers the response head only: a film's body takes as long as the viewer watches.
  const timer = setTimeout(() => upstream.abort(new Error("timeout")), env.PROVIDER_TIMEOUT_MS);

  let response: Response;
  try {
    // Redirects are not followed: fetch would carry the token header to wherever they point.
    response = await fetch(input.url, {
      method,
      headers: { ...input.headers, ...(range ? { Range: range } : {}) },
      redirect: "manual",
      signal: upstream.signal,
    });
  } catch (error) {
    signal.throwIfAborted();
    const timedOut = !signal.aborted && upstream.signal.aborted;
    log.warn({ sourceUuid: input.source.uuid, err: causeOf(error), timedOut }, "media server unreachable");
    const why = timedOut ? `did not answer within ${env.PROVIDER_TIMEOUT_MS} ms` : "cannot be reached";
    return unreachable(`${describeInput(input)} ${why}; try again, or ask an admin to check the source.`);
  } finally {
    clearTimeout(timer);
  }

  const { status } = response;
  if (status === 200 || status === 206) return relay(response, method);
  await response.body?.cancel().catch(() => undefined);
  if (status === 416) {
    const total = response.headers.get("content-range");
    const headers = new Headers({ "Cache-Control": "private, no-store", "Accept-Ranges": "bytes" });
    if (total && /^bytes \*\/\d+$/.test(total)) headers.set("Content-Range", total);
    return problem("range_not_satisfiable", "The requested range is outside the file.", { headers });
  }
  log.warn({ sourceUuid: input.source.uuid, status }, "media server refused a media request");
  return unreachable(`${describeInput(input)} ${refusal(status)}.`);
}

function relay(response: Response, method: string): Response {
  const headers = new Headers({ "Cache-Control": "private, no-store" });
  for (const name of PASSED_ON) {
    const value = response.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  const type = response.headers.get("content-type")?.split(";")[0]?.trim() ?? "";
  headers.set("Content-Type", MEDIA_TYPE.test(type) ? type : "application/octet-stream");
  if (method === "HEAD") return new Response(null, { status: response.status, headers });
  return new Response(response.body, { status: response.status, headers });
}

function refusal(status: number): string {
  if (status === 401 || status === 403)
    return "refused the desk's token or API key; an admin can enter it again on the source's page";
  if (status === 404) return "no longer has this file; scanning the source again updates the desk";
  if (status >= 300 && status < 400)
    return "redirects elsewhere; an admin can set the address it redirects to as the source's URL";
  return `answered HTTP ${status}; try again later`;
}

function unreachable(detail: string): Response {
  return problem("provider_unreachable", detail, { headers: { "Retry-After": "5" } });
}

/** fetch reports every network failure as "fetch failed"; the useful part is its cause. For the log only. */
function causeOf(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
