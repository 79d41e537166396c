import { getAssetQcEndpoint, runAssetQcEndpoint } from "@/lib/api/qc-endpoints";
import { apiRoute } from "@/lib/api/handler";
import { qcViewJson } from "@/lib/api/qc-views";
import { getDb } from "@/lib/db";
import { KnownError } from "@/lib/errors";
import { requestAssetQc } from "@/lib/qc/jobs";
import { findQcView } from "@/lib/qc/result";

// GET /api/v1/assets/{uuid}/qc: the asset's QC. POST: queue QC of its current file.

export const GET = apiRoute(getAssetQcEndpoint, async ({ actor, params }) => {
  const view = await findQcView(await getDb(), params.uuid, actor!.role);
  if (!view) throw new KnownError("not_found", "No asset has that uuid.");
  return qcViewJson(view);
});

export const POST = apiRoute(runAssetQcEndpoint, async ({ actor, params }) => {
  const report = await requestAssetQc(await getDb(), actor!, params.uuid);
  return Response.json(report, { status: 202, headers: { "cache-control": "no-store" } });
});
