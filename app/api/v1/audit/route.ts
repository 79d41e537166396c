import { apiRoute } from "@/lib/api/handler";
import { listAuditEndpoint } from "@/lib/api/endpoints";
import { auditEventJson, pageJson } from "@/lib/api/views";
import { listAuditEvents } from "@/lib/audit/list";
import { getDb } from "@/lib/db";
import { assertCursorRecognised } from "@/lib/table/ignored-cursor";

export const GET = apiRoute(listAuditEndpoint, async ({ query }) => {
  const page = await listAuditEvents(await getDb(), query);
  assertCursorRecognised(page);
  return pageJson(page, auditEventJson);
});
