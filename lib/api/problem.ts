import "server-only";
import type { KnownErrorKind } from "@/lib/errors";

// Errors of the REST API as RFC 9457 problem details (`application/problem+json`): a stable
// `code` for programs, a readable `detail` for people, and for bad input the offending fields.

export const PROBLEMS = {
  invalid_input: { status: 400, title: "Invalid input" },
  unauthenticated: { status: 401, title: "Authentication required" },
  forbidden: { status: 403, title: "Forbidden" },
  not_found: { status: 404, title: "Not found" },
  conflict: { status: 409, title: "Conflict" },
  unsupported_media: { status: 415, title: "Not playable in a browser" },
  range_not_satisfiable: { status: 416, title: "Range not satisfiable" },
  rate_limited: { status: 429, title: "Too many requests" },
  internal: { status: 500, title: "Internal error" },
  database_unavailable: { status: 503, title: "Database unavailable" },
} as const;

export type ProblemCode = keyof typeof PROBLEMS;

export const KNOWN_ERROR_CODES: Record<KnownErrorKind, ProblemCode> = {
  invalid: "invalid_input",
  unauthenticated: "unauthenticated",
  forbidden: "forbidden",
  not_found: "not_found",
  conflict: "conflict",
  rate_limited: "rate_limited",
};

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail: string;
  /** Field name → messages, for invalid input. */
  errors?: Record<string, string[]>;
  requestId?: string;
}

export function problem(code: ProblemCode, detail: string, options: { errors?: Record<string, string[]>; headers?: HeadersInit; requestId?: string } = {}): Response {
  const { status, title } = PROBLEMS[code];
  const body: ProblemBody = { type: `urn:asset-desk:problem:${code}`, title, status, code, detail, ...(options.errors ? { errors: options.errors } : {}), ...(options.requestId ? { requestId: options.requestId } : {}) };
  const headers = new Headers(options.headers);
  headers.set("content-type", "application/problem+json");
  headers.set("cache-control", "no-store");
  return new Response(JSON.stringify(body), { status, headers });
}
