import Link from "next/link";
import { AssetTable } from "@/components/assets/asset-table";
import { PageHeader } from "@/components/ui/page-header";
import { countAssetsByStatus, listRecentAssets } from "@/lib/assets/queries";
import { ASSET_STATUSES } from "@/lib/assets/status";
import { getDb } from "@/lib/db";

export default async function DashboardPage() {
  const db = await getDb();
  const [counts, recent] = await Promise.all([countAssetsByStatus(db), listRecentAssets(db, 10)]);
  return (
    <>
      <PageHeader title="Dashboard" description="Where the library stands, and what arrived last." />
      <section aria-label="Assets by status" className="mb-8 grid grid-cols-2 gap-3 md:grid-cols-4">
        {ASSET_STATUSES.map((status) => (
          <div key={status} className="rounded-lg border border-slate-200 bg-white p-4">
            <div className="text-sm capitalize text-slate-600">{status}</div>
            <div className="mt-1 text-3xl font-semibold tabular-nums">{counts[status].toLocaleString("en")}</div>
          </div>
        ))}
      </section>
      <div className="mb-2 flex items-baseline justify-between">
        <h2 className="text-lg font-semibold">Latest discoveries</h2>
        <Link href="/assets" className="text-sm text-sky-800 hover:underline">
          All assets
        </Link>
      </div>
      <AssetTable assets={recent} caption="Latest discovered assets" />
    </>
  );
}
