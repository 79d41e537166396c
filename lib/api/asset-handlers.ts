import "server-only";
import { assetCsvFileName, assetCsvStream } from "@/lib/assets/export-csv";
import { listAssets } from "@/lib/assets/list";
import { assertCanListTab } from "@/lib/assets/list-params";
import { findAssetByUuid } from "@/lib/assets/queries";
import { toSelection } from "@/lib/assets/selection";
import type { BulkTransition, Transition } from "@/lib/assets/transitions";
import { applyTransition, transitionAsset } from "@/lib/assets/workflow";
import { getDb } from "@/lib/db";
import { KnownError } from "@/lib/errors";
import { apiRoute } from "@/lib/api/handler";
import { assertCursorRecognised } from "@/lib/table/ignored-cursor";
import {
  bulkEndpoints,
  exportAssetsEndpoint,
  getAssetEndpoint,
  listAssetsEndpoint,
  transitionEndpoints,
} from "@/lib/api/endpoints";
import { assetDetailJson, assetJson, bulkReportJson, pageJson } from "@/lib/api/views";

// The asset endpoints: the same lib/ functions the desk's pages and actions call.

export const listAssetsRoute = apiRoute(listAssetsEndpoint, async ({ actor, query }) => {
  assertCanListTab(actor!.role, query.status);
  const page = await listAssets(await getDb(), query);
  assertCursorRecognised(page);
  return pageJson(page, assetJson);
});

export const exportAssetsRoute = apiRoute(exportAssetsEndpoint, async ({ actor, query, request }) => {
  assertCanListTab(actor!.role, query.status);
  const body = await assetCsvStream(await getDb(), query, { signal: request.signal });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${assetCsvFileName(new Date())}"`,
      "cache-control": "no-store",
    },
  });
});

export const getAssetRoute = apiRoute(getAssetEndpoint, async ({ actor, params }) => {
  const asset = await findAssetByUuid(await getDb(), params.uuid, actor!.role);
  if (!asset) throw new KnownError("not_found", "No asset has that uuid.");
  return assetDetailJson(asset);
});

export const transitionRoutes = Object.fromEntries(
  Object.entries(transitionEndpoints).map(([transition, endpoint]) => [
    transition,
    apiRoute(endpoint, async ({ actor, params, body }) => {
      const result = await transitionAsset(await getDb(), actor!, transition as Transition, params.uuid, {
        tags: body.tags,
        deleteReason: body.reason || null,
      });
      return { uuid: params.uuid, transition, changed: result.changed };
    }),
  ]),
) as Record<Transition, ReturnType<typeof apiRoute>>;

export function bulkRoute(transition: BulkTransition) {
  return apiRoute(bulkEndpoints[transition], async ({ actor, body }) => {
    const selection = toSelection(
      "uuids" in body ? { kind: "uuids", uuids: body.uuids } : { kind: "filter", query: filterQuery(body.filter) },
    );
    const report = await applyTransition(await getDb(), actor!, transition, selection, {
      bulk: true,
      tags: body.tags,
      deleteReason: body.reason || null,
    });
    return bulkReportJson(report);
  });
}

function filterQuery(filter: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter))
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, item);
  return params.toString();
}
