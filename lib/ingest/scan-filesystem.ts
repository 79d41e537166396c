import "server-only";
import path from "node:path";
import type { Db } from "@/lib/db";
import { countUnchanged, createBatcher } from "@/lib/ingest/batcher";
import {
  loadHashes,
  loadKnownUnder,
  markMissing,
  recordPossibleMoves,
  type Recorded,
  type RunContext,
} from "@/lib/ingest/ingest";
import { eachLimited, readLocalFile } from "@/lib/ingest/local-file";
import { moveCandidates } from "@/lib/ingest/move-match";
import { needsRead, type Observation } from "@/lib/ingest/plan";
import { READ_CONCURRENCY, setRunTotal } from "@/lib/ingest/run-progress";
import { walkMedia } from "@/lib/ingest/walk";

/**
 * A filesystem scan: walk the folders, skip what is recorded with the same size and modification
 * time, hash and probe the rest, then mark as missing what is recorded under the folders and was
 * not found (except under a folder that could not be read: absent evidence is not absence).
 *
 * Files go from the walk straight to the readers (hashing threads and the ffprobe helper, both
 * bounded by the cores), so reading starts with the first file found, not after the whole walk.
 *
 * Moves: once the walk is done, the run knows which recorded files it did not find (missing
 * already, or going missing now). Until then, a new file the size of any recorded one is held back
 * after it is read; after it, only one the size of a file not found. When every file is read, a new
 * file with the bytes of exactly one of them is that asset at its new path, and an uncertain match
 * is written as new and reported as a possible move.
 */
export async function scanFolders(db: Db, ctx: RunContext, roots: string[], signal?: AbortSignal): Promise<void> {
  const known = await loadKnownUnder(
    db,
    roots.map((root) => path.resolve(root)),
  );
  const batcher = createBatcher(db, ctx);
  const found = new Set<string>();
  const unreadable: string[] = [];
  const held: Observation[] = [];
  // Until the walk ends, any recorded size may be a move's (hashes are loaded for the not-found only).
  const sizes = new Set([...known.values()].filter((record) => !record.isDeleted).map((record) => record.size));
  let mayMatch = (size: number) => sizes.has(BigInt(size));
  let candidates = moveCandidates([]);
  let notFound: Recorded[] = [];

  // Yields the files to read; writes the rest (unreadable entries, files found again) and counts the unchanged.
  async function* toRead() {
    let unchanged = 0;
    for await (const entry of walkMedia(roots, { signal })) {
      if (entry.kind === "error") {
        unreadable.push(entry.path + path.sep);
        await batcher.add(observe(entry.path, { kind: "unreadable", error: entry.message }));
      } else if (entry.kind === "file") {
        found.add(entry.path);
        const record = known.get(entry.path);
        if (needsRead(record, entry.size, entry.mtimeMs)) yield entry;
        else if (record?.missingSince && !record.isDeleted)
          await batcher.add(observe(entry.path, { kind: "unchanged" }));
        else unchanged += 1;
      }
    }
    await setRunTotal(db, ctx, found.size + unreadable.length);
    await countUnchanged(db, ctx, unchanged);
    notFound = [...known.values()].filter(
      (record) =>
        !found.has(record.uri) &&
        !record.isDeleted &&
        (record.missingSince || !unreadable.some((folder) => record.uri.startsWith(folder))),
    );
    const hashes = await loadHashes(
      db,
      notFound.map((record) => record.id),
    );
    candidates = moveCandidates(notFound.map((record) => ({ ...record, hashSha256: hashes.get(record.id) ?? null })));
    mayMatch = candidates.mayMatch;
    const free = new Set(held.filter((o) => o.content.kind === "read" && !mayMatch(o.content.size)));
    held.splice(0, held.length, ...held.filter((o) => !free.has(o)));
    for (const observation of free) await batcher.add(observation);
  }

  await eachLimited(toRead(), READ_CONCURRENCY, async (file) => {
    signal?.throwIfAborted();
    const content = await readLocalFile(file.path, file.size, file.mtimeMs);
    const observation = observe(file.path, content);
    if (!known.has(file.path) && content.kind === "read" && mayMatch(file.size)) held.push(observation);
    else await batcher.add(observation);
  });

  const { moves, ambiguous } = candidates.match(
    held.flatMap((o) =>
      o.content.kind === "read" ? [{ uri: o.uri, size: o.content.size, hashSha256: o.content.hashSha256 }] : [],
    ),
  );
  for (const observation of held) {
    const asset = moves.get(observation.uri);
    await batcher.add(
      asset ? { ...observation, moveFrom: { assetId: asset.id, uri: asset.uri, by: "content" } } : observation,
    );
  }
  await batcher.flush();
  await recordPossibleMoves(
    db,
    ctx,
    [...ambiguous].map(([uri, assets]) => ({ uri, candidateIds: assets.map((asset) => asset.id) })),
  );

  // A moved asset was seen at its new path.
  await markMissing(
    db,
    ctx,
    notFound.filter((record) => !record.missingSince && !batcher.seen.has(record.id)).map((record) => record.id),
  );
}

function observe(file: string, content: Observation["content"]): Observation {
  const raw =
    content.kind === "read" ? { path: file, size: content.size, mtime: content.mtime.toISOString() } : { path: file };
  return { uri: file, content, ref: { provider: "filesystem", key: file, raw }, episode: null };
}
