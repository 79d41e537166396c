import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { authenticateApiToken } from "@/lib/auth/api-tokens";
import { deskOrigin } from "@/lib/auth/origin";
import { can } from "@/lib/auth/permissions";
import { currentActor, type Actor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { KnownError } from "@/lib/errors";
import { containsNul } from "@/lib/form-data";
import { log } from "@/lib/log";
import { requestContext } from "@/lib/request-context";
import type { RawSearchParams } from "@/lib/table/search-params";
import { KNOWN_ERROR_CODES, problem } from "@/lib/api/problem";
import type { Endpoint } from "@/lib/api/endpoint";

// Every REST handler runs through here: request id, authentication (an API token, or the desk's
// session cookie), the endpoint's capability, input parsed by the endpoint's own schemas (the same
// ones the OpenAPI document is made from), errors as problem+json, one log line per request.

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/** The largest request body read; a larger one is refused with 413 before it is read whole. */
export const MAX_BODY_BYTES = 1024 * 1024;

// Every 401 names the scheme to use (RFC 9110 §11.6.1); a refused token also says why (RFC 6750 §3).
const CHALLENGE = { "www-authenticate": 'Bearer realm="asset-desk"' };
const INVALID_TOKEN = { "www-authenticate": 'Bearer realm="asset-desk", error="invalid_token"' };

export interface HandlerInput<P, Q, B> {
  actor: Actor | null;
  params: P;
  query: Q;
  body: B;
  request: Request;
  requestId: string;
}

export function apiRoute<P, Q, B>(
  endpoint: Endpoint<P, Q, B>,
  handler: (input: HandlerInput<P, Q, B>) => Promise<Response | object>,
) {
  return async (request: Request, context?: RouteContext): Promise<Response> => {
    const requestId = request.headers.get("x-request-id") ?? randomUUID();
    const started = performance.now();
    return requestContext.run({ requestId }, async () => {
      let response: Response;
      try {
        response = await serve(request, context, endpoint, handler, requestId);
      } catch (error) {
        response = failure(error, requestId, endpoint.operationId);
      }
      response.headers.set("x-request-id", requestId);
      const { pathname } = new URL(request.url);
      log.info(
        {
          method: request.method,
          path: pathname,
          operation: endpoint.operationId,
          status: response.status,
          ms: Math.round(performance.now() - started),
        },
        "api request",
      );
      return response;
    });
  };
}

async function serve<P, Q, B>(
  request: Request,
  context: RouteContext | undefined,
  endpoint: Endpoint<P, Q, B>,
  handler: (input: HandlerInput<P, Q, B>) => Promise<Response | object>,
  requestId: string,
) {
  const actor = await authenticate(request);
  if (actor instanceof Response) return actor;
  if (endpoint.capability !== "public") {
    if (!actor)
      return problem("unauthenticated", "Sign in, or send an API token as `Authorization: Bearer <token>`.", {
        headers: CHALLENGE,
      });
    if (!can(actor.role, endpoint.capability)) return problem("forbidden", "You are not allowed to do this.");
  }
  const params = parse(endpoint.params, (await context?.params) ?? {}, "path");
  const query = endpoint.query ? endpoint.query.parse(searchParams(request)) : (undefined as Q);
  let body = undefined as B;
  if (endpoint.body) {
    const text = await readBody(request);
    if (text === null) return problem("payload_too_large", `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
    body = parse(endpoint.body, parseJson(text), "body") as B;
  }
  const result = await handler({ actor, params: params as P, query, body: body as B, request, requestId });
  return result instanceof Response ? result : Response.json(result, { headers: { "cache-control": "no-store" } });
}

/** The caller: a bearer token when one is sent (a bad one is refused, never ignored), else the session. */
async function authenticate(request: Request): Promise<Actor | null | Response> {
  const header = request.headers.get("authorization");
  if (header === null) {
    const actor = await currentActor();
    if (!actor) return null;
    requestContext.getStore()!.userUuid = actor.uuid;
    const refusal = crossSiteRefusal(request);
    return refusal ? problem("forbidden", refusal) : actor;
  }
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match)
    return problem("unauthenticated", "The Authorization header must be `Bearer <token>`.", { headers: CHALLENGE });
  const check = await authenticateApiToken(await getDb(), match[1]!);
  if (check.retryAfterSeconds) {
    return problem("rate_limited", `This token made too many requests; try again in ${check.retryAfterSeconds} s.`, {
      headers: { "retry-after": String(check.retryAfterSeconds) },
    });
  }
  if (!check.actor)
    return problem("unauthenticated", "The API token is unknown or revoked, or its owner is disabled.", {
      headers: INVALID_TOKEN,
    });
  requestContext.getStore()!.userUuid = check.actor.uuid;
  return check.actor;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF guard for the session cookie (SameSite=Lax alone lets a same-site page post): a change made
 * with the cookie must be JSON, which a plain HTML form or a no-CORS fetch cannot send, and come
 * from a page of the desk itself, by the browser's Origin header. Bearer tokens are not sent by
 * browsers on their own and need neither. Returns why a request is refused, or null.
 */
function crossSiteRefusal(request: Request): string | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  const contentType = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (contentType !== "application/json")
    return "A change made with the session cookie must be sent as Content-Type: application/json.";
  if (request.headers.get("origin") !== deskOrigin(request.headers, request.url))
    return "A change made with the session cookie must come from the desk's own pages (Origin).";
  return null;
}

function searchParams(request: Request): RawSearchParams {
  const raw: RawSearchParams = {};
  for (const [key, value] of new URL(request.url).searchParams) {
    const current = raw[key];
    raw[key] = current === undefined ? value : [...(Array.isArray(current) ? current : [current]), value];
  }
  return raw;
}

/** The body as text, or null when it is larger than MAX_BODY_BYTES (by its Content-Length, or counted as it streams). */
async function readBody(request: Request): Promise<string | null> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > MAX_BODY_BYTES) {
    await request.body?.cancel();
    return null;
  }
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function parseJson(text: string): unknown {
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new KnownError("invalid", "The request body is not valid JSON.");
  }
  if (containsNul(value))
    throw new KnownError("invalid", "The request body contains a NUL character (\\u0000), which no field accepts.");
  return value;
}

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, where: "path" | "body"): T | undefined {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const errors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (errors[issue.path.join(".") || where] ??= []).push(issue.message);
  throw new KnownError(
    "invalid",
    where === "path" ? "The address names something that cannot exist." : "The request body is not valid.",
    errors,
  );
}

function failure(error: unknown, requestId: string, operation: string): Response {
  if (error instanceof KnownError) {
    return problem(KNOWN_ERROR_CODES[error.kind], error.message, { errors: error.fieldErrors, requestId });
  }
  if (isDatabaseUnavailable(error)) {
    log.warn({ err: error, operation }, "database unavailable");
    return problem("database_unavailable", "The database is not reachable right now. Try again in a moment.", {
      requestId,
      headers: { "retry-after": "5" },
    });
  }
  log.error({ err: error, operation }, "api request failed");
  return problem("internal", "Something went wrong. Try again; if it persists, tell an admin (quote the request id).", {
    requestId,
  });
}
