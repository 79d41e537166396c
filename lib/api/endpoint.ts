import type { z } from "zod";
import type { ProblemCode } from "@/lib/api/problem";
import type { Capability } from "@/lib/auth/permissions";
import { KnownError } from "@/lib/errors";
import type { ParamSpec, RawSearchParams } from "@/lib/table/search-params";

// One REST endpoint, described once: the handler validates with these schemas and the OpenAPI
// document (lib/api/openapi.ts) is generated from them, so the two cannot drift apart.

export interface QueryReader<Q> {
  /** The desk's own URL parameters (name → how to read it), for the document. */
  specs: Record<string, ParamSpec<unknown>>;
  /** Reads the query; a parameter that cannot be read is a 400, never silently ignored. */
  parse(raw: RawSearchParams): Q;
}

export interface EndpointResponse {
  description: string;
  schema?: z.ZodType;
  /** Default application/json. */
  contentType?: string;
  /** Response headers worth documenting: name → what it carries. */
  headers?: Record<string, string>;
}

export interface Endpoint<P = unknown, Q = unknown, B = unknown> {
  method: "GET" | "POST" | "PATCH" | "PUT";
  /** OpenAPI form, below /api/v1: "/assets/{uuid}". */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: "Assets" | "Catalog" | "Audit" | "Scans" | "Meta";
  capability: Capability | "public";
  params?: z.ZodType<P>;
  query?: QueryReader<Q>;
  body?: z.ZodType<B>;
  /** Success responses by status. */
  responses: Record<number, EndpointResponse>;
  /**
   * Problems this endpoint answers besides those its shape implies, which the document adds by
   * itself: 400 for input, 401, 403 when some role lacks the capability, 404 for a path uuid, 429,
   * 500 and 503.
   */
  problems?: ProblemCode[];
}

/** A table's parameters as an API query: the desk's reader, with its notices turned into a 400. */
export function tableQuery<Q>(
  specs: object,
  read: (raw: RawSearchParams) => { query: Q; notices: string[] },
): QueryReader<Q> {
  return {
    specs: specs as Record<string, ParamSpec<unknown>>,
    parse(raw) {
      const { query, notices } = read(raw);
      if (notices.length > 0) throw new KnownError("invalid", notices.join(" "), { query: notices });
      return query;
    },
  };
}
