import "server-only";
import { toSelection } from "@/lib/assets/selection";
import type { ApiBulkTransition } from "@/lib/assets/transitions";
import { applyTransition } from "@/lib/assets/workflow";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/api/handler";
import { bulkEndpoints } from "@/lib/api/endpoints";
import { bulkReportJson } from "@/lib/api/views";

// POST /api/v1/assets/{approve|promote|delete|restore|purge}: one handler for the bulk routes,
// calling the engine the desk's bulk bar and the trash call.

export function bulkRoute(transition: ApiBulkTransition) {
  return apiRoute(bulkEndpoints[transition], async ({ actor, body }) => {
    const selection = toSelection(
      "uuids" in body ? { kind: "uuids", uuids: body.uuids } : { kind: "filter", query: filterQuery(body.filter) },
    );
    const report = await applyTransition(await getDb(), actor!, transition, selection, {
      bulk: true,
      tags: body.tags,
      deleteReason: body.reason || null,
      qcOverride: body.qcOverride,
    });
    return bulkReportJson(report);
  });
}

/** The filter object of a bulk body as the table's query string, parsed again by the table's own parser. */
export function filterQuery(filter: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter))
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, item);
  return params.toString();
}
