import { apiRoute } from "@/lib/api/handler";
import { listCatalogEndpoint } from "@/lib/api/endpoints";
import { catalogEntryJson, pageJson } from "@/lib/api/views";
import { listCatalogEntries } from "@/lib/catalog/list";
import { getDb } from "@/lib/db";
import { assertCursorRecognised } from "@/lib/table/ignored-cursor";

export const GET = apiRoute(listCatalogEndpoint, async ({ query }) => {
  const page = await listCatalogEntries(await getDb(), query);
  assertCursorRecognised(page);
  return pageJson(page, catalogEntryJson);
});
