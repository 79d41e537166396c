import { catalogEntryDetailJson, replaceCatalogSourceEndpoint, sourceFileJson } from "@/lib/api/catalog-endpoints";
import { apiRoute } from "@/lib/api/handler";
import { findCatalogEntry } from "@/lib/catalog/detail";
import { catalogEntryNotFound } from "@/lib/catalog/edit";
import { replaceCatalogSource } from "@/lib/catalog/replace-source";
import { getDb } from "@/lib/db";

// POST /api/v1/catalog/{uuid}/source: "Replace source", as the entry page does it.

export const POST = apiRoute(replaceCatalogSourceEndpoint, async ({ actor, params, body }) => {
  const db = await getDb();
  const result = await replaceCatalogSource(db, actor!, {
    catalogUuid: params.uuid,
    assetUuid: body.assetUuid,
    version: body.version,
  });
  const entry = await findCatalogEntry(db, params.uuid);
  if (!entry) throw catalogEntryNotFound();
  return {
    batchUuid: result.batchUuid,
    previous: sourceFileJson(result.previous),
    current: sourceFileJson(result.current),
    entry: catalogEntryDetailJson(entry),
  };
});
