import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import type { z } from "zod";
import { ProviderError, type ProviderKind, type ProviderOptions } from "./types";

const NAMES: Record<ProviderKind, { server: string; secret: string }> = {
  plex: { server: "Plex", secret: "token" },
  jellyfin: { server: "Jellyfin", secret: "API key" },
};

const TRANSIENT_STATUSES = new Set([429, 502, 503, 504]);
const MAX_BACKOFF_MS = 10_000;
// A server asking for a longer pause than this is better reported than waited on.
const MAX_RETRY_AFTER_MS = 60_000;

export type Transport = Pick<ProviderOptions, "timeoutMs" | "retries" | "retryDelayMs" | "signal">;

export interface GetJsonOptions<T> extends Transport {
  provider: ProviderKind;
  /** Checks the reply's shape; a mismatch is a `malformed` error. */
  schema: z.ZodType<T>;
  headers: Record<string, string>;
}

type Failure = { ok: false; error: ProviderError; transient: boolean; retryAfterMs?: number };
type Attempt<T> = { ok: true; value: T } | Failure;

/** The server's base URL, http or https only. */
export function parseServerUrl(provider: ProviderKind, url: string): URL {
  const { server } = NAMES[provider];
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ProviderError("unreachable", `The ${server} URL "${url}" is not a URL; give one like http://host:port`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new ProviderError(
      "unreachable",
      `The ${server} URL must start with http:// or https:// (got ${parsed.protocol}//)`,
    );
  }
  return parsed;
}

/** `path` below the base URL, keeping a base path such as a reverse proxy's `/jellyfin`. */
export function serverUrl(base: URL, path: string, query: Record<string, string> = {}): URL {
  const url = new URL(base);
  url.pathname = base.pathname.replace(/\/+$/, "") + path;
  url.search = new URLSearchParams(query).toString();
  return url;
}

/**
 * GET a JSON reply, retrying only transient failures (network errors, timeouts, 429, 502–504) with
 * exponential backoff. A caller's abort ends it at once with the signal's reason.
 */
export async function getJson<T>(url: URL, options: GetJsonOptions<T>): Promise<T> {
  const { retries = 3, retryDelayMs = 250, signal } = options;
  for (let attempt = 0; ; attempt++) {
    signal?.throwIfAborted();
    const outcome = await attemptOnce(url, options);
    if (outcome.ok) return outcome.value;
    if (!outcome.transient || attempt >= retries) throw outcome.error;
    try {
      await sleep(backoffMs(attempt, retryDelayMs, outcome.retryAfterMs), undefined, { signal });
    } catch (error) {
      signal?.throwIfAborted();
      throw error;
    }
  }
}

/** Delay before retry `attempt + 1`: "equal jitter" (half fixed, half random) so clients do not retry in step. */
export function backoffMs(attempt: number, baseMs: number, retryAfterMs?: number): number {
  const exponential = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** attempt);
  const jittered = exponential / 2 + (Math.random() * exponential) / 2;
  if (retryAfterMs === undefined) return jittered;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(retryAfterMs, jittered));
}

async function attemptOnce<T>(url: URL, options: GetJsonOptions<T>): Promise<Attempt<T>> {
  const { server, secret } = NAMES[options.provider];
  const { timeoutMs = 15_000 } = options;
  const where = `${server} at ${describeUrl(url)}`;
  const timeout = AbortSignal.timeout(timeoutMs);
  let response: Response;
  let body: string;
  try {
    // Redirects are not followed: fetch would carry the token header to wherever they point.
    response = await fetch(url, {
      headers: options.headers,
      redirect: "manual",
      signal: options.signal ? AbortSignal.any([timeout, options.signal]) : timeout,
    });
    body = await response.text();
  } catch (error) {
    options.signal?.throwIfAborted();
    if (timeout.aborted)
      return transient(new ProviderError("timeout", `${where} did not answer within ${timeoutMs} ms`));
    return transient(new ProviderError("unreachable", `Cannot reach ${where} (${networkCause(error)})`));
  }

  const { status } = response;
  if (status === 401 || status === 403) {
    return final(
      new ProviderError("unauthorized", `${server} rejected the ${secret} (HTTP ${status}) at ${url.origin}`, status),
    );
  }
  if (status === 404) {
    return final(new ProviderError("not_found", `${where} was not found (HTTP 404)`, status));
  }
  if (status >= 300 && status < 400) {
    const target = response.headers.get("location") ?? "elsewhere";
    return final(
      new ProviderError("http", `${where} redirects to ${target} (HTTP ${status}); use that as the server URL`, status),
    );
  }
  if (status < 200 || status >= 300) {
    const error = new ProviderError("http", `${where} answered HTTP ${status}`, status);
    if (!TRANSIENT_STATUSES.has(status)) return final(error);
    return { ...transient(error), retryAfterMs: retryAfterMs(response.headers.get("retry-after")) };
  }
  return parseBody(body, options.schema, server);
}

function parseBody<T>(body: string, schema: z.ZodType<T>, server: string): Attempt<T> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    const text = body.replace(/\s+/g, " ").trim();
    const start = text.length > 80 ? `${text.slice(0, 80)}…` : text || "(empty)";
    return final(new ProviderError("malformed", `${server} sent a reply that is not JSON: ${start}`));
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const at = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
  return final(
    new ProviderError(
      "malformed",
      `${server} sent a reply of an unexpected shape${at}: ${issue?.message ?? "invalid"}`,
    ),
  );
}

/** A failure worth another try. */
function transient(error: ProviderError): Failure {
  return { ok: false, error, transient: true };
}

/** A failure that another try would only repeat. */
function final(error: ProviderError): Failure {
  return { ok: false, error, transient: false };
}

/** Origin and path only: no user info or query, in case either holds something private. */
function describeUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

/** fetch reports every network failure as "fetch failed"; the useful part ("connect ECONNREFUSED …") is its cause. */
function networkCause(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

function retryAfterMs(header: string | null): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
