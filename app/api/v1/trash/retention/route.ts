import { getTrashRetentionEndpoint, setTrashRetentionEndpoint } from "@/lib/api/automation-endpoints";
import { apiRoute } from "@/lib/api/handler";
import { getTrashRetention, setTrashRetention } from "@/lib/assets/retention";
import { getDb } from "@/lib/db";

// GET and PUT /api/v1/trash/retention: the REST twin of the trash page's "Automatic purge".
export const GET = apiRoute(getTrashRetentionEndpoint, async () => ({ days: await getTrashRetention(await getDb()) }));

export const PUT = apiRoute(setTrashRetentionEndpoint, async ({ actor, body }) => {
  const db = await getDb();
  await setTrashRetention(db, actor!, body.days);
  return { days: await getTrashRetention(db) };
});
