// An asset's workflow status, derived from the stored fields (the document's flags plus its
// catalog entry), so there is no second copy of the truth to drift.

export const ASSET_STATUSES = ["pending", "approved", "promoted", "deleted"] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];

export function assetStatus(asset: { isDeleted: boolean; canonical: boolean; promoted: boolean }): AssetStatus {
  if (asset.isDeleted) return "deleted";
  if (asset.promoted) return "promoted";
  return asset.canonical ? "approved" : "pending";
}
