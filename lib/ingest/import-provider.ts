import "server-only";
import type { Db } from "@/lib/db";
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
 * path after the path maps. Where that path is reachable here, the file is hashed and probed (and
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
    await eachLimited(page.items.keys(), READ_CONCURRENCY, async (index) => {
      signal?.throwIfAborted();
      const item = page.items[index]!;
      const uri = uris[index]!;
      await batcher.add({
        uri,
        content: await contentOf(item, uri, known.get(uri)),
        ref: { provider: item.provider, key: item.key, raw: item.raw },
        episode: item.episode,
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
