import "server-only";
import type { Db } from "@/lib/db";
import { countAssetTabs, type TabCount } from "@/lib/assets/list";
import { ASSET_ISSUES, type AssetIssue } from "@/lib/assets/list-params";

/** Assets discovered per UTC day over the last `days` days, oldest first, days without any included. */
export async function discoveredPerDay(db: Db, days = 30): Promise<Array<{ day: string; count: number }>> {
  const rows = await db.$queryRaw<Array<{ day: string; count: bigint }>>`
    SELECT to_char(d.day, 'YYYY-MM-DD') AS day, count(a.id) AS count
    FROM generate_series((now() AT TIME ZONE 'UTC')::date - ${days - 1}::int, (now() AT TIME ZONE 'UTC')::date, interval '1 day') AS d(day)
    LEFT JOIN assets a ON a.discovered_at >= d.day AT TIME ZONE 'UTC' AND a.discovered_at < (d.day + interval '1 day') AT TIME ZONE 'UTC'
    GROUP BY d.day ORDER BY d.day`;
  return rows.map((row) => ({ day: row.day, count: Number(row.count) }));
}

/** The latest changes anyone made, for the dashboard. */
export async function latestChanges(db: Db, limit = 10) {
  return db.auditEvent.findMany({
    orderBy: [{ at: "desc" }, { uuid: "desc" }],
    take: limit,
    select: { uuid: true, at: true, action: true, actorEmail: true, targetType: true, targetUuid: true },
  });
}

/** Live assets with each scan issue: what the table lists under `?issue=…` on its "all" tab. */
export async function countAssetIssues(db: Db): Promise<Record<AssetIssue, TabCount>> {
  const entries = await Promise.all(
    ASSET_ISSUES.map(async (issue) => [issue, (await countAssetTabs(db, { issue }, ["all"])).all] as const),
  );
  return Object.fromEntries(entries) as Record<AssetIssue, TabCount>;
}
