import { apiRoute } from "@/lib/api/handler";
import { listCatalogEndpoint } from "@/lib/api/endpoints";
import { catalogEntryJson, pageJson } from "@/lib/api/views";
import { listCatalogEntries } from "@/lib/catalog/list";
import { getDb } from "@/lib/db";
import { KnownError } from "@/lib/errors";

export const GET = apiRoute(listCatalogEndpoint, async ({ query }) => {
  const page = await listCatalogEntries(await getDb(), query);
  if (page.cursorIgnored)
    throw new KnownError("invalid", "The cursor does not belong to this sort; start again without after/before.", {
      query: ["unknown cursor"],
    });
  return pageJson(page, catalogEntryJson);
});
