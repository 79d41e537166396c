import type { Db } from "@/lib/db";
import { countAssetTabs } from "@/lib/assets/list";
import { ASSET_STATUSES, type AssetStatus } from "@/lib/assets/status";

/** Exact asset counts per status (test data stays far below the estimate threshold). */
export async function countStatuses(db: Db): Promise<Record<AssetStatus, number>> {
  const tabs = await countAssetTabs(db, {}, ASSET_STATUSES);
  for (const [tab, count] of Object.entries(tabs))
    if (count.estimated) throw new Error(`count of ${tab} was estimated`);
  return Object.fromEntries(ASSET_STATUSES.map((status) => [status, tabs[status].count])) as Record<
    AssetStatus,
    number
  >;
}
