import "server-only";
import { z } from "zod";
import { MAX_SELECTED_UUIDS } from "@/lib/assets/workflow";

/**
 * The body of a bulk request that queues work for a selection (thumbnails, QC, probe again): the
 * desk's asset filter or a bounded list of uuids, named `id` in the OpenAPI document; `extra` adds
 * the request's own fields (bulk tags: add, remove) beside either.
 */
export function selectionRequestBody<E extends z.ZodRawShape = Record<never, never>>(
  id: string,
  example = "",
  extra: E = {} as E,
) {
  return z
    .union([
      z.strictObject({
        filter: z.record(z.string(), z.union([z.string(), z.array(z.string())])).meta({
          description: `the desk's asset filter: the parameters of /assets, as in GET /assets${example}`,
        }),
        ...extra,
      }),
      z.strictObject({ uuids: z.array(z.uuid()).min(1).max(MAX_SELECTED_UUIDS), ...extra }),
    ])
    .meta({ id, description: `Either { "filter": {…} } or { "uuids": [...] } (at most ${MAX_SELECTED_UUIDS}).` });
}
