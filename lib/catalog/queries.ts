import "server-only";
import type { Db } from "@/lib/db";

export async function listCatalog(db: Db, limit = 50) {
  return db.catalogAsset.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      uuid: true,
      title: true,
      durationMs: true,
      tags: true,
      filePath: true,
      createdAt: true,
      createdBy: { select: { email: true } },
      sourceAsset: { select: { uuid: true } },
    },
  });
}
