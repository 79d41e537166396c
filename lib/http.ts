import "server-only";
import { KnownError, type KnownErrorKind } from "@/lib/errors";
import { log } from "@/lib/log";

// Route handlers answer JSON `{ error }` with the status that fits, the way actions answer
// `{ ok: false, message }`: known errors keep their message, anything else is logged and generic.

const STATUS: Record<KnownErrorKind, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid: 400,
  rate_limited: 429,
};

export function jsonError(status: number, message: string, headers?: HeadersInit): Response {
  return Response.json({ error: message }, { status, headers });
}

export function errorResponse(error: unknown, context: Record<string, unknown>): Response {
  if (error instanceof KnownError) return jsonError(STATUS[error.kind], error.message);
  log.error({ err: error, ...context }, "route handler failed");
  return jsonError(500, "Something went wrong. Try again; if it persists, tell an admin.");
}
