import type { Prisma } from "@/lib/generated/prisma/client";

// The one home of the soft-delete condition: queries compose these, never repeat them.
export const liveAssets = { isDeleted: false } as const satisfies Prisma.AssetWhereInput;
export const deletedAssets = { isDeleted: true } as const satisfies Prisma.AssetWhereInput;
