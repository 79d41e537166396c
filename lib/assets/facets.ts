import "server-only";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

const COLUMNS = { container: "container", vcodec: "video_codec", acodec: "audio_codec" } as const;
export type Facet = keyof typeof COLUMNS;

/**
 * The values a column takes, for the filter choices. A loose index scan (one index probe per
 * distinct value) instead of DISTINCT, which would read every row of a large table.
 */
async function distinctValues(db: Db, column: string): Promise<string[]> {
  const col = Prisma.raw(column);
  const rows = await db.$queryRaw<Array<{ v: string }>>`
    WITH RECURSIVE t AS (
      (SELECT ${col} AS v FROM assets WHERE ${col} IS NOT NULL ORDER BY ${col} LIMIT 1)
      UNION ALL
      SELECT (SELECT ${col} FROM assets WHERE ${col} > t.v ORDER BY ${col} LIMIT 1) FROM t WHERE t.v IS NOT NULL
    )
    SELECT v FROM t WHERE v IS NOT NULL LIMIT 200`;
  return rows.map((row) => row.v);
}

export async function assetFacets(db: Db): Promise<Record<Facet, string[]>> {
  const [container, vcodec, acodec] = await Promise.all(
    Object.values(COLUMNS).map((column) => distinctValues(db, column)),
  );
  return { container: container ?? [], vcodec: vcodec ?? [], acodec: acodec ?? [] };
}
