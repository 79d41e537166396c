import "server-only";
import type { Db } from "@/lib/db";
import type { Provider } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { createBatcher } from "@/lib/ingest/batcher";
import { loadKnown, markMissing, type RunContext } from "@/lib/ingest/ingest";
import { eachLimited, readLocalFile, statLocal } from "@/lib/ingest/local-file";
import { needsRead, type Content, type Known } from "@/lib/ingest/plan";
import { addRunTotal, READ_CONCURRENCY } from "@/lib/ingest/run-progress";
import { readJellyfin } from "@/lib/ingest/providers/jellyfin";
import { applyPathMaps, type PathMap } from "@/lib/ingest/providers/path-map";
import { readPlex } from "@/lib/ingest/providers/plex";
import type { ProviderItem, ProviderKind } from "@/lib/ingest/providers/types";

export interface ProviderSource {
  kind: ProviderKind;
  url: string;
  secret: string;
  libraries: string[];
  pathMaps: PathMap[];
}

/**
 * A Plex or Jellyfin import: read the chosen libraries page by page; each file's identity is its
 * path after the path maps — or, for an item of one file whose path changed (renamed or moved on
 * the server, or a path map changed), the asset this source recorded under the item's key, which
 * moves to the new path. Where that path is reachable here, the file is hashed and probed (and
 * skipped when its size and modification time are unchanged); otherwise the provider's figures are
 * taken. After a complete import, assets this source reported before and no longer lists are marked missing.
 */
export async function importProvider(
  db: Db,
  ctx: RunContext,
  source: ProviderSource,
  signal?: AbortSignal,
): Promise<void> {
  const read = source.kind === "plex" ? readPlex : readJellyfin;
  const batcher = createBatcher(db, ctx);
  const libraries = new Set<string>();
  const transport = { timeoutMs: env.PROVIDER_TIMEOUT_MS, retries: env.PROVIDER_RETRIES, signal };
  for await (const page of read({
    url: source.url,
    secret: source.secret,
    libraries: source.libraries,
    ...transport,
  })) {
    if (!libraries.has(page.library)) {
      libraries.add(page.library);
      await addRunTotal(db, ctx, page.total);
    }
    const uris = page.items.map((item) => applyPathMaps(item.path, source.pathMaps));
    const known = await loadKnown(db, uris);
    const movedItems = await movedByKey(db, ctx, page.items, uris, known);
    for (const [uri, asset] of movedItems) known.set(uri, { ...asset, uri });
    await eachLimited(page.items.keys(), READ_CONCURRENCY, async (index) => {
      signal?.throwIfAborted();
      const item = page.items[index]!;
      const uri = uris[index]!;
      const moved = movedItems.get(uri);
      await batcher.add({
        uri,
        content: await contentOf(item, uri, known.get(uri)),
        ref: { provider: item.provider, key: item.key, raw: item.raw },
        episode: item.episode,
        ...(moved ? { moveFrom: { assetId: moved.id, uri: moved.uri, by: "provider_key" as const } } : {}),
      });
    });
    await batcher.flush();
  }
  await batcher.flush();

  const reported = await db.providerRef.findMany({
    where: { sourceId: ctx.sourceId },
    select: { assetId: true },
    distinct: ["assetId"],
  });
  await markMissing(
    db,
    ctx,
    reported.map((ref) => ref.assetId).filter((id) => !batcher.seen.has(id)),
  );
}

async function contentOf(item: ProviderItem, uri: string, known: Known | undefined): Promise<Content> {
  const local = await statLocal(uri);
  if (local)
    return needsRead(known, local.size, local.mtimeMs)
      ? readLocalFile(uri, local.size, local.mtimeMs)
      : { kind: "unchanged" };
  const { size, durationMs, container, videoCodec, audioCodec } = item;
  return { kind: "provider", size, durationMs, container, videoCodec, audioCodec };
}

/**
 * Items of one file at a path the desk has no asset for, whose key this source reported before for
 * exactly one asset recorded at another path not listed on this page: that asset (as recorded), by new path.
 * (An item of several files shares one key among them, so its files keep their paths as identity.)
 */
async function movedByKey(
  db: Db,
  ctx: RunContext,
  items: ProviderItem[],
  uris: string[],
  known: Map<string, Known>,
): Promise<Map<string, Known>> {
  const perKey = new Map<string, number>();
  for (const item of items) perKey.set(item.key, (perKey.get(item.key) ?? 0) + 1);
  const unknown = items.flatMap((item, index) =>
    !known.has(uris[index]!) && perKey.get(item.key) === 1 ? [{ item, uri: uris[index]! }] : [],
  );
  if (unknown.length === 0 || ctx.sourceId === null) return new Map();
  const provider: Provider = unknown[0]!.item.provider;
  const rows = await db.$queryRaw<{ key: string; uri: string }[]>`
    SELECT r.provider_key AS key, min(a.uri) AS uri FROM provider_refs r JOIN assets a ON a.id = r.asset_id
    WHERE r.source_id = ${ctx.sourceId} AND r.provider = ${provider}::provider
      AND r.provider_key = ANY(${unknown.map((u) => u.item.key)}::text[])
    GROUP BY r.provider_key HAVING count(DISTINCT a.id) = 1`;
  const listed = new Set(uris);
  const recordedAt = new Map(rows.filter((row) => !listed.has(row.uri)).map((row) => [row.key, row.uri]));
  const previous = await loadKnown(db, [...recordedAt.values()]);
  const moved = new Map<string, Known>();
  for (const { item, uri } of unknown) {
    const asset = previous.get(recordedAt.get(item.key) ?? "");
    if (asset) moved.set(uri, asset);
  }
  return moved;
}
