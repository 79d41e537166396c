import { catalogEntryDetailJson, editCatalogEntryEndpoint, getCatalogEntryEndpoint } from "@/lib/api/catalog-endpoints";
import { apiRoute } from "@/lib/api/handler";
import { findCatalogEntry } from "@/lib/catalog/detail";
import { catalogEntryNotFound, editCatalogEntry } from "@/lib/catalog/edit";
import { getDb } from "@/lib/db";

// GET and PATCH /api/v1/catalog/{uuid}: the entry page's read model, and the edit its form makes.

export const GET = apiRoute(getCatalogEntryEndpoint, async ({ params }) => {
  const entry = await findCatalogEntry(await getDb(), params.uuid);
  if (!entry) throw catalogEntryNotFound();
  return catalogEntryDetailJson(entry);
});

export const PATCH = apiRoute(editCatalogEntryEndpoint, async ({ actor, params, body }) => {
  const db = await getDb();
  const { changed } = await editCatalogEntry(db, actor!, { uuid: params.uuid, ...body });
  const entry = await findCatalogEntry(db, params.uuid);
  if (!entry) throw catalogEntryNotFound();
  return { changed, entry: catalogEntryDetailJson(entry) };
});
