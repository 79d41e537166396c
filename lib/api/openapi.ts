import "server-only";
import { z } from "zod";
import packageJson from "@/package.json";
import { CAPABILITIES, ROLES, type Capability } from "@/lib/auth/permissions";
import { sessionCookieName } from "@/lib/auth/cookies";
import type { Role } from "@/lib/generated/prisma/client";
import type { Endpoint } from "@/lib/api/endpoint";
import { ENDPOINTS } from "@/lib/api/endpoints";
import { PROBLEMS, problemSchema, type ProblemCode } from "@/lib/api/problem";

// The OpenAPI 3.1 document of /api/v1, made from ENDPOINTS: the same zod schemas the handler
// validates with and answers by, turned into JSON Schema 2020-12 by zod itself. Schemas with a
// `.meta({ id })` become components and are referred to by `$ref`.

export type JsonSchema = z.core.JSONSchema.JSONSchema;

export interface OpenApiParameter {
  name: string;
  in: "path" | "query";
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface OpenApiResponse {
  description: string;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
  content?: Record<string, { schema?: JsonSchema }>;
}

export type Reference = { $ref: string };

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security?: Array<Record<string, string[]>>;
  "x-required-capability"?: { name: Capability; roles: Role[] };
  parameters?: OpenApiParameter[];
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, OpenApiResponse | Reference>;
}

export interface OpenApiDocument {
  openapi: "3.1.0";
  jsonSchemaDialect: string;
  info: { title: string; version: string; description: string };
  servers: Array<{ url: string }>;
  security: Array<Record<string, string[]>>;
  tags: Array<{ name: string; description: string }>;
  paths: Record<string, Partial<Record<Lowercase<Endpoint["method"]>, OpenApiOperation>>>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, OpenApiResponse>;
    securitySchemes: Record<string, object>;
  };
}

const DESCRIPTION = `The REST API of Asset Desk, for integrations.

**Authentication.** Send a personal API token as \`Authorization: Bearer <token>\`. Admins create tokens on the desk's API tokens page (/tokens) or with \`npx asset-desk tokens create --user EMAIL\`; a token acts as its owner, with the owner's current role. A signed-in browser may call the API with its session cookie instead; a change (POST, PATCH) made that way must be \`Content-Type: application/json\` with an \`Origin\` equal to the desk's (403 otherwise, against cross-site requests). A token sent but unknown or revoked is refused (401), never ignored. Each token may make a limited number of requests per minute (429 with Retry-After beyond).

**Identifiers** are uuids; integer ids never leave the server. **Sizes** are byte counts as decimal strings (64-bit safe). **Times** are ISO 8601 in UTC (\`2026-01-31T12:00:00.000Z\`).

**Paging.** Lists answer \`{ items, next, previous }\`: pass \`next\` as \`after\` (or \`previous\` as \`before\`) with the same filters and sort to move; \`null\` means there is no such page. \`per\` sets the page size.

**Errors** are \`application/problem+json\` (RFC 9457, schema \`Problem\`): a stable \`code\` for programs, a \`detail\` for people, and for invalid input the offending fields in \`errors\`. Request bodies over 1 MiB are refused (413). Every response carries an \`X-Request-Id\`.`;

const TAGS: Record<Endpoint["tag"], string> = {
  Assets: "Assets found by scans and imports: list, read, play, and move through the workflow, one by one or in bulk.",
  Catalog: "The broadcast catalog: promoted assets.",
  Audit: "Every change, with who, when, and the values before and after.",
  Scans: "Scanning sources and following the runs.",
  Meta: "This document.",
};

const PROBLEM_RESPONSE_NAMES: Record<ProblemCode, string> = {
  invalid_input: "InvalidInput",
  unauthenticated: "Unauthenticated",
  forbidden: "Forbidden",
  not_found: "NotFound",
  thumbnail_pending: "ThumbnailPending",
  conflict: "Conflict",
  payload_too_large: "PayloadTooLarge",
  unsupported_media: "UnsupportedMedia",
  range_not_satisfiable: "RangeNotSatisfiable",
  rate_limited: "RateLimited",
  internal: "Internal",
  provider_unreachable: "ProviderUnreachable",
  database_unavailable: "DatabaseUnavailable",
  preview_busy: "PreviewBusy",
};

/** When each problem is answered, in a sentence. */
export const PROBLEM_WHEN: Record<ProblemCode, string> = {
  invalid_input: "A path parameter, query parameter or body that cannot be read; `errors` names the fields.",
  unauthenticated: "No token or session, or a token that is malformed, unknown or revoked.",
  forbidden:
    "The caller's role may not do this; or a change sent with the desk's session cookie was not `application/json` or came from another origin (CSRF guard; token calls are not affected).",
  not_found: "Nothing has that uuid.",
  thumbnail_pending:
    "The asset's pictures are not made yet (or were made from an earlier version of its file); they are queued now. Ask again after Retry-After.",
  conflict: "The current state does not allow it; `detail` says why.",
  payload_too_large: "The request body is over 1 MiB (by Content-Length, or as it arrived).",
  unsupported_media:
    "The file cannot be played in a browser this way: a format browsers do not play as it is (use the preview playlist), or one ffmpeg cannot read.",
  range_not_satisfiable: "The Range lies outside the file.",
  rate_limited: "This token made too many requests this minute.",
  internal: "An unexpected failure; quote the request id.",
  provider_unreachable:
    "The Plex or Jellyfin server an asset plays through did not answer, or refused; `detail` names the source.",
  database_unavailable: "The database is not reachable right now.",
  preview_busy:
    "Every preview transcoder of this server instance is busy (ASSET_DESK_TRANSCODES); try again after Retry-After.",
};

const text = (description: string) => ({ description, schema: { type: "string" } satisfies JsonSchema });
const REQUEST_ID = text("Identifies the request in the server's logs.");
const PROBLEM_HEADERS: Partial<Record<ProblemCode, OpenApiResponse["headers"]>> = {
  unauthenticated: {
    "WWW-Authenticate": text(`Bearer realm="asset-desk", with error="invalid_token" when a token was refused.`),
  },
  range_not_satisfiable: { "Content-Range": text("bytes */<file size>") },
  thumbnail_pending: { "Retry-After": text("Seconds after which to ask again.") },
  rate_limited: { "Retry-After": text("Seconds until the token may call again.") },
  provider_unreachable: { "Retry-After": text("Seconds to wait before trying again.") },
  database_unavailable: { "Retry-After": text("Seconds to wait before trying again.") },
  preview_busy: { "Retry-After": text("Seconds to wait before trying again.") },
};
const MEDIA_HEADERS: OpenApiResponse["headers"] = {
  "Accept-Ranges": text("bytes"),
  "Content-Length": text("Bytes in this response."),
  "Content-Range": text("bytes <start>-<end>/<file size> (206 only)"),
};

const ref = (kind: "schemas" | "responses", name: string): Reference => ({ $ref: `#/components/${kind}/${name}` });

/** The problems an endpoint can answer: those its shape implies, and those it declares. */
function problemsOf(endpoint: Endpoint): ProblemCode[] {
  const codes = new Set<ProblemCode>([
    "unauthenticated",
    "rate_limited",
    "internal",
    "database_unavailable",
    ...(endpoint.problems ?? []),
  ]);
  if (endpoint.params || endpoint.query || endpoint.body) codes.add("invalid_input");
  if (endpoint.body) codes.add("payload_too_large");
  // A change made with the session cookie must pass the CSRF guard (lib/api/handler.ts).
  if (endpoint.method !== "GET") codes.add("forbidden");
  // Refused for a role only when some role lacks the capability.
  if (endpoint.capability !== "public" && CAPABILITIES[endpoint.capability].roles.length < ROLES.length)
    codes.add("forbidden");
  if (endpoint.params) codes.add("not_found");
  return [...codes].sort((a, b) => PROBLEMS[a].status - PROBLEMS[b].status);
}

/**
 * Converts named zod schemas in one pass, so every schema with an id comes out once, as a `$def`,
 * however many of them refer to it. Returns each named schema and the defs, with refs pointing
 * into `components.schemas`.
 */
function convert(named: Record<string, z.ZodType>, io: "input" | "output") {
  const json = z.toJSONSchema(z.object(named), {
    target: "draft-2020-12",
    io,
    metadata: z.globalRegistry,
    unrepresentable: "throw",
  });
  const { properties = {}, $defs = {} } = pointRefsAtComponents(json) as JsonSchema;
  return { named: properties as Record<string, JsonSchema>, defs: $defs };
}

function pointRefsAtComponents(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pointRefsAtComponents);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === "$ref" && typeof inner === "string"
        ? inner.replace(/^#\/\$defs\//, "#/components/schemas/")
        : pointRefsAtComponents(inner),
    ]),
  );
}

function addComponents(target: Record<string, JsonSchema>, defs: Record<string, JsonSchema>) {
  for (const [id, schema] of Object.entries(defs)) {
    // A schema used in requests and responses must read the same both ways to share one id.
    if (target[id] && JSON.stringify(target[id]) !== JSON.stringify(schema))
      throw new Error(`OpenAPI: schema ${id} differs between requests and responses`);
    target[id] = schema;
  }
}

function operation(
  endpoint: Endpoint,
  inputs: Record<string, JsonSchema>,
  outputs: Record<string, JsonSchema>,
): OpenApiOperation {
  const id = endpoint.operationId;
  const pathParams = inputs[`${id} params`];
  const parameters: OpenApiParameter[] = [
    ...Object.entries(pathParams?.properties ?? {}).map(([name, schema]) => ({
      name,
      in: "path" as const,
      required: true,
      schema: schema as JsonSchema,
    })),
    ...Object.entries(endpoint.query?.specs ?? {}).map(([name, spec]) => ({
      name,
      in: "query" as const,
      required: false,
      description: spec.expected,
      schema: { type: "string" } satisfies JsonSchema,
    })),
  ];
  const responses: OpenApiOperation["responses"] = {};
  for (const [status, response] of Object.entries(endpoint.responses)) {
    const contentType = response.contentType ?? "application/json";
    const schema = outputs[`${id} ${status}`];
    const media = contentType.startsWith("video/");
    responses[status] = {
      description: response.description,
      headers: {
        "X-Request-Id": REQUEST_ID,
        ...(media ? MEDIA_HEADERS : {}),
        ...Object.fromEntries(Object.entries(response.headers ?? {}).map(([name, what]) => [name, text(what)])),
      },
      content: { [contentType]: schema ? { schema } : {} },
    };
  }
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of problemsOf(endpoint))
    byStatus.set(PROBLEMS[code].status, [...(byStatus.get(PROBLEMS[code].status) ?? []), code]);
  for (const [status, codes] of byStatus)
    responses[String(status)] =
      codes.length === 1 ? ref("responses", PROBLEM_RESPONSE_NAMES[codes[0]!]) : sharedStatusResponse(codes);
  const body = inputs[`${id} body`];
  return {
    operationId: id,
    summary: endpoint.summary,
    ...(endpoint.description ? { description: endpoint.description } : {}),
    tags: [endpoint.tag],
    ...(endpoint.capability === "public"
      ? { security: [] }
      : {
          "x-required-capability": { name: endpoint.capability, roles: [...CAPABILITIES[endpoint.capability].roles] },
        }),
    ...(parameters.length > 0 ? { parameters } : {}),
    // A body that may be left out entirely reads as `{}`.
    ...(body && endpoint.body
      ? {
          requestBody: {
            required: !endpoint.body.safeParse({}).success,
            content: { "application/json": { schema: body } },
          },
        }
      : {}),
    responses,
  };
}

/** One answer for problems that share a status (404 `not_found` or `thumbnail_pending`): either body. */
function sharedStatusResponse(codes: ProblemCode[]): OpenApiResponse {
  return {
    description: codes.map((code) => `${PROBLEMS[code].title} (\`${code}\`): ${PROBLEM_WHEN[code]}`).join(" Or "),
    headers: Object.assign({ "X-Request-Id": REQUEST_ID }, ...codes.map((code) => PROBLEM_HEADERS[code] ?? {})),
    content: { "application/problem+json": { schema: ref("schemas", "Problem") } },
  };
}

export function buildOpenApiDocument(): OpenApiDocument {
  const inputSchemas: Record<string, z.ZodType> = {};
  const outputSchemas: Record<string, z.ZodType> = { Problem: problemSchema };
  for (const endpoint of ENDPOINTS) {
    if (endpoint.params) inputSchemas[`${endpoint.operationId} params`] = endpoint.params;
    if (endpoint.body) inputSchemas[`${endpoint.operationId} body`] = endpoint.body;
    for (const [status, response] of Object.entries(endpoint.responses))
      if (response.schema) outputSchemas[`${endpoint.operationId} ${status}`] = response.schema;
  }
  const inputs = convert(inputSchemas, "input");
  const outputs = convert(outputSchemas, "output");
  const schemas: Record<string, JsonSchema> = {};
  addComponents(schemas, outputs.defs);
  addComponents(schemas, inputs.defs);

  const paths: OpenApiDocument["paths"] = {};
  for (const endpoint of ENDPOINTS) {
    const method = endpoint.method.toLowerCase() as Lowercase<Endpoint["method"]>;
    (paths[endpoint.path] ??= {})[method] = operation(endpoint, inputs.named, outputs.named);
  }

  const responses = Object.fromEntries(
    (Object.keys(PROBLEMS) as ProblemCode[]).map((code) => [
      PROBLEM_RESPONSE_NAMES[code],
      {
        description: `${PROBLEMS[code].title} (\`${code}\`): ${PROBLEM_WHEN[code]}`,
        headers: { "X-Request-Id": REQUEST_ID, ...PROBLEM_HEADERS[code] },
        content: { "application/problem+json": { schema: ref("schemas", "Problem") } },
      } satisfies OpenApiResponse,
    ]),
  );

  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: { title: "Asset Desk API", version: packageJson.version, description: DESCRIPTION },
    servers: [{ url: "/api/v1" }],
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
      responses,
      securitySchemes: {
        bearerToken: {
          type: "http",
          scheme: "bearer",
          description:
            "A personal API token (adk_…), created by an admin at /tokens or with `npx asset-desk tokens create --user EMAIL`.",
        },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: sessionCookieName,
          description: "The desk's session, for calls from a signed-in browser.",
        },
      },
    },
  };
}

let built: OpenApiDocument | undefined;

/** The document, built on first use and kept for the life of the process. */
export function openApiDocument(): OpenApiDocument {
  built ??= buildOpenApiDocument();
  return built;
}
