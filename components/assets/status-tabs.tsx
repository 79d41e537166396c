import Link from "next/link";
import { ASSET_TABS, assetListHref, type AssetListQuery, type AssetTab } from "@/lib/assets/list-params";
import type { TabCount } from "@/lib/assets/list";

const LABEL: Record<AssetTab, string> = {
  all: "All",
  pending: "Pending",
  approved: "Approved",
  promoted: "Promoted",
  deleted: "Deleted",
};

export function formatCount({ count, estimated }: TabCount): string {
  return `${estimated ? "≈ " : ""}${count.toLocaleString("en")}`;
}

/** Status tabs with their counts under the current filters; estimated counts say so. */
export function StatusTabs({
  query,
  counts,
  tabs,
}: {
  query: AssetListQuery;
  counts: Partial<Record<AssetTab, TabCount>>;
  tabs: readonly AssetTab[];
}) {
  return (
    <nav aria-label="Status" className="mb-3 flex flex-wrap gap-1 border-b border-slate-200">
      {tabs
        .filter((tab) => ASSET_TABS.includes(tab))
        .map((tab) => {
          const count = counts[tab];
          const current = query.status === tab;
          return (
            <Link
              key={tab}
              href={assetListHref(query, { status: tab })}
              aria-current={current ? "page" : undefined}
              className={`-mb-px rounded-t border-b-2 px-3 py-2 text-sm ${current ? "border-slate-900 font-semibold" : "border-transparent text-slate-600 hover:text-slate-900"}`}
            >
              {LABEL[tab]}
              {count ? (
                <span
                  className="ml-2 rounded-full bg-slate-100 px-2 py-0.5 text-xs tabular-nums"
                  title={count.estimated ? "Estimated from table statistics" : undefined}
                >
                  {formatCount(count)}
                </span>
              ) : null}
            </Link>
          );
        })}
    </nav>
  );
}
