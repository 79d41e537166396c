import "server-only";
import { z } from "zod";
import type { KnownErrorKind } from "@/lib/errors";

// Errors of the REST API as RFC 9457 problem details (`application/problem+json`): a stable
// `code` for programs, a readable `detail` for people, and for bad input the offending fields.

export const PROBLEMS = {
  invalid_input: { status: 400, title: "Invalid input" },
  unauthenticated: { status: 401, title: "Authentication required" },
  forbidden: { status: 403, title: "Forbidden" },
  not_found: { status: 404, title: "Not found" },
  thumbnail_pending: { status: 404, title: "Thumbnail not made yet" },
  conflict: { status: 409, title: "Conflict" },
  payload_too_large: { status: 413, title: "Payload too large" },
  unsupported_media: { status: 415, title: "Not playable in a browser" },
  range_not_satisfiable: { status: 416, title: "Range not satisfiable" },
  rate_limited: { status: 429, title: "Too many requests" },
  internal: { status: 500, title: "Internal error" },
  provider_unreachable: { status: 502, title: "Media server unavailable" },
  database_unavailable: { status: 503, title: "Database unavailable" },
  preview_busy: { status: 503, title: "Preview transcoders busy" },
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

const PROBLEM_CODES = Object.keys(PROBLEMS) as [ProblemCode, ...ProblemCode[]];
const PROBLEM_TYPE_PREFIX = "urn:asset-desk:problem:";

/** The body of every error answer; the OpenAPI document's `Problem`. */
export const problemSchema = z
  .object({
    type: z
      .string()
      .regex(new RegExp(`^${PROBLEM_TYPE_PREFIX}[a-z_]+$`))
      .meta({ description: `${PROBLEM_TYPE_PREFIX}<code>` }),
    title: z.string().meta({ description: "the same for every problem of this code" }),
    status: z.number().int().meta({ description: "the HTTP status, repeated" }),
    code: z.enum(PROBLEM_CODES).meta({ description: "stable: what programs branch on" }),
    detail: z.string().meta({ description: "what went wrong and what to do, for people" }),
    errors: z
      .record(z.string(), z.array(z.string()))
      .optional()
      .meta({ description: "invalid input only: field (or `path`, `body`, `query`) → messages" }),
    requestId: z
      .string()
      .optional()
      .meta({ description: "as in the X-Request-Id header; quote it when reporting a failure" }),
  })
  .meta({ id: "Problem", description: "An error, as RFC 9457 problem details (application/problem+json)." });

export type ProblemBody = z.infer<typeof problemSchema>;

export function problem(
  code: ProblemCode,
  detail: string,
  options: { errors?: Record<string, string[]>; headers?: HeadersInit; requestId?: string } = {},
): Response {
  const { status, title } = PROBLEMS[code];
  const body: ProblemBody = {
    type: `${PROBLEM_TYPE_PREFIX}${code}`,
    title,
    status,
    code,
    detail,
    ...(options.errors ? { errors: options.errors } : {}),
    ...(options.requestId ? { requestId: options.requestId } : {}),
  };
  const headers = new Headers(options.headers);
  headers.set("content-type", "application/problem+json");
  headers.set("cache-control", "no-store");
  return new Response(JSON.stringify(body), { status, headers });
}
