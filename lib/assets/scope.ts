import { Prisma } from "@/lib/generated/prisma/client";
import { seesDeletedAssets, type Viewer } from "@/lib/assets/visibility";

// The one home of the soft-delete condition, in both forms queries need: Prisma's where input, and
// SQL over an `assets` row aliased `a`. Queries compose these, never repeat them.
export const liveAssets = { isDeleted: false } as const satisfies Prisma.AssetWhereInput;
export const deletedAssets = { isDeleted: true } as const satisfies Prisma.AssetWhereInput;
export const deletedAssetSql = Prisma.sql`a.is_deleted`;
export const liveAssetSql = Prisma.sql`NOT a.is_deleted`;

/** The assets this viewer may see at all (lib/assets/visibility.ts): every one, or the live ones. */
export const visibleAssets = (viewer: Viewer): Prisma.AssetWhereInput => (seesDeletedAssets(viewer) ? {} : liveAssets);
export const visibleAssetSql = (viewer: Viewer): Prisma.Sql =>
  seesDeletedAssets(viewer) ? Prisma.sql`TRUE` : liveAssetSql;
