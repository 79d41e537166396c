import "server-only";
import type { Db } from "@/lib/db";
import { liveAssets } from "@/lib/assets/scope";

/** How many live assets each provider has reported, and when it last reported one. */
export async function summarizeProviders(db: Db) {
  const rows = await db.providerRef.groupBy({
    by: ["provider"],
    where: { asset: liveAssets },
    _count: { _all: true },
    _max: { updatedAt: true },
    orderBy: { provider: "asc" },
  });
  return rows.map((row) => ({ provider: row.provider, assets: row._count._all, lastSeen: row._max.updatedAt }));
}
