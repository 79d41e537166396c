import type { Metadata } from "next";
import { AssetTable } from "@/components/assets/asset-table";
import { PageHeader } from "@/components/ui/page-header";
import { listRecentAssets } from "@/lib/assets/queries";
import { getDb } from "@/lib/db";

export const metadata: Metadata = { title: "Assets" };

const PAGE_SIZE = 50;

export default async function AssetsPage() {
  const assets = await listRecentAssets(await getDb(), PAGE_SIZE);
  return (
    <>
      <PageHeader title="Assets" description={`The ${PAGE_SIZE} most recently discovered assets that are not deleted.`} />
      <AssetTable assets={assets} caption="Assets" />
    </>
  );
}
