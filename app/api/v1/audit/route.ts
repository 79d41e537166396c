import { apiRoute } from "@/lib/api/handler";
import { listAuditEndpoint } from "@/lib/api/endpoints";
import { auditEventJson, pageJson } from "@/lib/api/views";
import { listAuditEvents } from "@/lib/audit/list";
import { getDb } from "@/lib/db";
import { KnownError } from "@/lib/errors";

export const GET = apiRoute(listAuditEndpoint, async ({ query }) => {
  const page = await listAuditEvents(await getDb(), query);
  if (page.cursorIgnored)
    throw new KnownError("invalid", "The cursor does not belong to this sort; start again without after/before.", {
      query: ["unknown cursor"],
    });
  return pageJson(page, auditEventJson);
});
