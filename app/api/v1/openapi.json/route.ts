import { openApiEndpoint } from "@/lib/api/endpoints";
import { apiRoute } from "@/lib/api/handler";
import { openApiDocument } from "@/lib/api/openapi";

// The OpenAPI 3.1 document of /api/v1, for anyone (generating a client needs no account).
export const GET = apiRoute(openApiEndpoint, async () =>
  Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } }),
);
