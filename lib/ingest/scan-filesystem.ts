import "server-only";
import path from "node:path";
import type { Db } from "@/lib/db";
import { countUnchanged, createBatcher } from "@/lib/ingest/batcher";
import { loadKnownUnder, markMissing, recordPossibleMoves, type RunContext } from "@/lib/ingest/ingest";
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
 * Moves: once the walk is done, the run knows which recorded files it did not find (missing
 * already, or going missing now). A new file of the size of one of those is held back after it is
 * read; when every file is read, a new file with the bytes of exactly one of them is that asset at
 * its new path, and an uncertain match is written as new and reported as a possible move.
 */
export async function scanFolders(db: Db, ctx: RunContext, roots: string[], signal?: AbortSignal): Promise<void> {
  const files: { path: string; size: number; mtimeMs: number }[] = [];
  const unreadable: { path: string; message: string }[] = [];
  for await (const entry of walkMedia(roots, { signal })) {
    if (entry.kind === "file") files.push(entry);
    else if (entry.kind === "error") unreadable.push(entry);
  }
  const known = await loadKnownUnder(
    db,
    roots.map((root) => path.resolve(root)),
  );
  await setRunTotal(db, ctx, files.length + unreadable.length);

  const found = new Set(files.map((file) => file.path));
  const blind = unreadable.map((entry) => entry.path + path.sep);
  const notFound = [...known.values()].filter(
    (record) =>
      !found.has(record.uri) &&
      !record.isDeleted &&
      (record.missingSince || !blind.some((folder) => record.uri.startsWith(folder))),
  );
  const candidates = moveCandidates(notFound);

  const batcher = createBatcher(db, ctx);
  for (const entry of unreadable) await batcher.add(observe(entry.path, { kind: "unreadable", error: entry.message }));

  const toRead = files.filter((file) => {
    const record = known.get(file.path);
    return needsRead(record, file.size, file.mtimeMs) || (record?.missingSince && !record.isDeleted);
  });
  await countUnchanged(db, ctx, files.length - toRead.length);
  const held: Observation[] = [];
  await eachLimited(toRead, READ_CONCURRENCY, async (file) => {
    signal?.throwIfAborted();
    const record = known.get(file.path);
    const content = needsRead(record, file.size, file.mtimeMs)
      ? await readLocalFile(file.path, file.size, file.mtimeMs)
      : ({ kind: "unchanged" } as const);
    const observation = observe(file.path, content);
    if (!record && content.kind === "read" && candidates.mayMatch(file.size)) held.push(observation);
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
