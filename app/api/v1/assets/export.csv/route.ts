import { exportAssetsEndpoint } from "@/lib/api/endpoints";
import { apiRoute } from "@/lib/api/handler";
import { assetCsvFileName, assetCsvStream } from "@/lib/assets/export-csv";
import { assertCanListTab } from "@/lib/assets/list-params";
import { getDb } from "@/lib/db";

// GET /api/v1/assets/export.csv: the table's view as CSV, streamed whatever its size.

export const GET = apiRoute(exportAssetsEndpoint, async ({ actor, query, request }) => {
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
