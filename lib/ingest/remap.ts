import "server-only";
import { randomUUID } from "node:crypto";
import { stat } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { relocateAssets } from "@/lib/assets/relocate";
import type { BatchUndoReport } from "@/lib/assets/undo";
import type { ActingViewer } from "@/lib/assets/visibility";
import { unchangedSinceSql } from "@/lib/assets/workflow-sql";
import { writeAudit, type AuditActor } from "@/lib/audit/write";
import { KnownError } from "@/lib/errors";
import { likePrefix } from "@/lib/ingest/ingest";
import { failLostRuns } from "@/lib/ingest/lost-runs";
import { parsePathMap, type PathMap } from "@/lib/ingest/providers/path-map";
import { parsePathMaps } from "@/lib/ingest/sources";

// Re-map paths: a share mounted somewhere else, a folder renamed on the server. An admin replaces
// the prefix FROM with TO across one source's assets — a folder source's assets are those under its
// folders, a Plex or Jellyfin source's those it reported (provider refs) — and the source follows:
// its folders (or its path maps' local side) under FROM are re-mapped too, so the next scan looks
// where the files now are. A pre-flight counts the assets, shows examples and the conflicts (a new
// path another asset already holds); applying skips the conflicts and reports them. Everything is
// one transaction, in statements of 5,000 assets, one batch in the audit log (asset.remapped, and
// source.update for the folders), undoable from the audit page like a bulk change.

const BATCH = 5_000;
const EXAMPLES = 5;

const folderPath = (name: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${name} folder.`)
    .max(4096)
    .transform((value) => path.posix.normalize(value).replace(/\/+$/, ""))
    .refine(
      (value) => value.startsWith("/") && value.length > 1,
      "An absolute folder path other than /, like /mnt/media.",
    );

export const remapFields = { from: folderPath("old"), to: folderPath("new") };
export const differentFolders: [(input: { from: string; to: string }) => boolean, { path: string[]; message: string }] =
  [(input) => input.from !== input.to, { path: ["to"], message: "The new folder is the old one." }];
export const remapInputSchema = z.strictObject(remapFields).refine(...differentFolders);

export type RemapInput = z.output<typeof remapInputSchema>;

export interface RemapExample {
  uuid: string;
  from: string;
  to: string;
}

export interface RemapPlan {
  from: string;
  to: string;
  /** Assets of the source under FROM. */
  assets: number;
  /** Of those, how many would land on a path another asset holds (skipped). */
  conflicts: number;
  examples: RemapExample[];
  conflictExamples: (RemapExample & { takenBy: string })[];
  /** The source's folders (or path maps, FROM=TO) before and after, when FROM covers some. */
  folders: { before: string[]; after: string[] } | null;
}

export interface RemapResult extends RemapPlan {
  /** The audit batch (null when nothing was written). */
  batchUuid: string | null;
  remapped: number;
  skipped: number;
}

type Source = {
  id: number;
  uuid: string;
  kind: "filesystem" | "plex" | "jellyfin";
  roots: string[];
  pathMaps: Prisma.JsonValue;
};

const isUnder = (file: string, folder: string) => file === folder || file.startsWith(`${folder}/`);
const swap = (file: string, { from, to }: RemapInput) => (isUnder(file, from) ? to + file.slice(from.length) : file);
const mapLines = (maps: PathMap[]) => maps.map((map) => `${map.from}=${map.to}`);

/** The source's assets under FROM, with their new path. */
function selectionSql(source: Source, input: RemapInput): Prisma.Sql {
  const ofSource =
    source.kind === "filesystem"
      ? source.roots.length > 0
        ? Prisma.join(
            source.roots.map((root) => Prisma.sql`a.uri LIKE ${likePrefix(root)}`),
            " OR ",
          )
        : Prisma.sql`FALSE`
      : Prisma.sql`EXISTS (SELECT 1 FROM provider_refs r WHERE r.asset_id = a.id AND r.source_id = ${source.id})`;
  return Prisma.sql`
    SELECT a.id, a.uuid::text AS uuid, a.uri, ${input.to}::text || substr(a.uri, char_length(${input.from}::text) + 1) AS new_uri
    FROM assets a WHERE (${ofSource}) AND a.uri LIKE ${likePrefix(input.from)}`;
}

/** The source's folders or path maps after the re-map; refuses one that would leave its assets outside. */
async function foldersAfter(source: Source, input: RemapInput): Promise<RemapPlan["folders"]> {
  if (source.kind !== "filesystem") {
    const maps = parsePathMaps(source.pathMaps);
    const after = maps.map((map) => ({ from: map.from, to: swap(map.to, input) }));
    const before = mapLines(maps);
    return mapLines(after).join("\n") === before.join("\n") ? null : { before, after: mapLines(after) };
  }
  const after = source.roots.map((root) => swap(root, input));
  // FROM inside one of the folders (a subfolder renamed): TO must be inside the folders too.
  if (
    source.roots.some((root) => isUnder(input.from, root) && root !== input.from) &&
    !after.some((root) => isUnder(input.to, root))
  )
    throw new KnownError(
      "invalid",
      `${input.to} is outside this source's folders; the re-mapped files would belong to no source.`,
      {
        to: ["Outside the source's folders."],
      },
    );
  return after.join("\n") === source.roots.join("\n") ? null : { before: source.roots, after };
}

async function loadSource(db: Db | Prisma.TransactionClient, uuid: string, lock: boolean): Promise<Source> {
  const [source] = await db.$queryRaw<Source[]>`
    SELECT id, uuid::text AS uuid, kind::text AS kind, roots, path_maps AS "pathMaps" FROM sources WHERE uuid = ${uuid}::uuid
    ${lock ? Prisma.sql`FOR UPDATE` : Prisma.empty}`;
  if (!source) throw new KnownError("not_found", "No source has that id.");
  return source;
}

async function plan(db: Db | Prisma.TransactionClient, source: Source, input: RemapInput): Promise<RemapPlan> {
  const selection = selectionSql(source, input);
  const [counts] = await db.$queryRaw<{ assets: bigint; conflicts: bigint }[]>`
    WITH s AS (${selection})
    SELECT count(*) AS assets, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM assets x WHERE x.uri = s.new_uri)) AS conflicts FROM s`;
  const examples = await db.$queryRaw<(RemapExample & { takenBy: string | null })[]>`
    WITH s AS (${selection})
    (SELECT s.uuid, s.uri AS "from", s.new_uri AS "to", NULL::text AS "takenBy" FROM s
      WHERE NOT EXISTS (SELECT 1 FROM assets x WHERE x.uri = s.new_uri) ORDER BY s.uri LIMIT ${EXAMPLES})
    UNION ALL
    (SELECT s.uuid, s.uri, s.new_uri, x.uuid::text FROM s JOIN assets x ON x.uri = s.new_uri ORDER BY s.uri LIMIT ${EXAMPLES})`;
  return {
    from: input.from,
    to: input.to,
    assets: Number(counts?.assets ?? 0),
    conflicts: Number(counts?.conflicts ?? 0),
    examples: examples.filter((e) => e.takenBy === null).map(({ uuid, from, to }) => ({ uuid, from, to })),
    conflictExamples: examples.flatMap((e) => (e.takenBy === null ? [] : [{ ...e, takenBy: e.takenBy }])),
    folders: await foldersAfter(source, input),
  };
}

/** The pre-flight: what applying would do, changing nothing. */
export async function previewRemap(db: Db, sourceUuid: string, input: RemapInput): Promise<RemapPlan> {
  return plan(db, await loadSource(db, sourceUuid, false), input);
}

export async function applyRemap(
  db: Db,
  actor: AuditActor,
  sourceUuid: string,
  input: RemapInput,
): Promise<RemapResult> {
  return db.$transaction(
    async (tx) => {
      const source = await loadSource(tx, sourceUuid, true);
      // A scan compares the folders with what it read at its start: no re-map under it.
      await failLostRuns(tx, source.id);
      const active = await tx.scanRun.count({ where: { sourceId: source.id, status: { in: ["queued", "running"] } } });
      if (active > 0)
        throw new KnownError("conflict", "A scan of this source is queued or running; re-map after it ends.");
      const planned = await plan(tx, source, input);
      if (planned.assets === 0 && !planned.folders)
        throw new KnownError("invalid", `No asset of this source is under ${input.from}; nothing was changed.`, {
          from: ["No asset of this source is under this folder."],
        });
      if (source.kind === "filesystem" && planned.folders)
        await checkFolders(planned.folders.after.filter((f) => !source.roots.includes(f)));

      const batchUuid = randomUUID();
      let remapped = 0;
      for (let lastId = 0; ;) {
        const rows = await tx.$queryRaw<{ id: number; uri: string; new_uri: string }[]>`
          WITH s AS (${selectionSql(source, input)})
          SELECT id, uri, new_uri FROM s WHERE id > ${lastId} ORDER BY id LIMIT ${BATCH}`;
        if (rows.length === 0) break;
        lastId = rows.at(-1)!.id;
        const moved = await relocateAssets(
          tx,
          actor,
          rows.map((row) => ({ id: row.id, from: row.uri, to: row.new_uri })),
          { action: "asset.remapped", found: false, batchUuid, after: { source: source.uuid } },
        );
        remapped += moved.length;
      }
      if (planned.folders)
        await rewriteSource(
          tx,
          actor,
          source,
          planned.folders,
          { remap: { from: input.from, to: input.to } },
          batchUuid,
        );
      const wrote = remapped > 0 || planned.folders !== null;
      return { ...planned, batchUuid: wrote ? batchUuid : null, remapped, skipped: planned.assets - remapped };
    },
    { timeout: 600_000 },
  );
}

/** The source's folders (or path maps, FROM=TO) set to `folders.after`; audited in the batch. */
async function rewriteSource(
  tx: Prisma.TransactionClient,
  actor: AuditActor,
  source: Source,
  folders: { before: string[]; after: string[] },
  note: Record<string, Prisma.InputJsonValue>,
  batchUuid: string,
): Promise<void> {
  const field = source.kind === "filesystem" ? "roots" : "pathMaps";
  const data =
    source.kind === "filesystem"
      ? { roots: folders.after }
      : { pathMaps: folders.after.map((line) => ({ ...parsePathMap(line) })) };
  await tx.source.update({ where: { id: source.id }, data });
  await writeAudit(tx, actor, [
    {
      action: "source.update",
      targetType: "source",
      targetUuid: source.uuid,
      before: { [field]: folders.before },
      after: { [field]: folders.after, ...note },
      batchUuid,
    },
  ]);
}

/** The source's folders (or path maps) as rewriteSource records them. */
const currentFolders = (source: Source) =>
  source.kind === "filesystem" ? source.roots : mapLines(parsePathMaps(source.pathMaps));

/**
 * Undoes a re-map as a batch of its own: every asset of the batch still at the path the re-map gave
 * it, and changed by nothing since, goes back (unless another asset took its old path meanwhile:
 * reported); the source's folders go back if nobody changed them since.
 */
export async function undoRemap(db: Db, actor: ActingViewer, batchUuid: string): Promise<BatchUndoReport> {
  return db.$transaction(
    async (tx) => {
      const [undone] = await tx.$queryRaw<unknown[]>`
        SELECT 1 FROM audit_events WHERE action IN ('asset.remapped', 'source.update') AND after ->> 'undoOf' = ${batchUuid} LIMIT 1`;
      if (undone) throw new KnownError("conflict", "This re-map was already undone.");
      const total = await tx.auditEvent.count({ where: { batchUuid, action: "asset.remapped" } });
      const undoBatch = randomUUID();
      let eligible = 0;
      let changed = 0;
      for (let lastId = 0; ;) {
        const rows = await tx.$queryRaw<{ eventId: number; id: number; uri: string; old: string }[]>`
          SELECT e.id AS "eventId", a.id, a.uri, e.before ->> 'uri' AS old
          FROM audit_events e JOIN assets a ON a.uuid = e.target_uuid
          WHERE e.batch_uuid = ${batchUuid}::uuid AND e.action = 'asset.remapped' AND e.id > ${lastId}
            AND a.uri = e.after ->> 'uri' AND ${unchangedSinceSql(batchUuid)}
          ORDER BY e.id LIMIT ${BATCH}`;
        if (rows.length === 0) break;
        lastId = rows.at(-1)!.eventId;
        eligible += rows.length;
        const moved = await relocateAssets(
          tx,
          actor,
          rows.map((row) => ({ id: row.id, from: row.uri, to: row.old })),
          { action: "asset.remapped", found: false, batchUuid: undoBatch, after: { undoOf: batchUuid } },
        );
        changed += moved.length;
      }
      const event = await tx.auditEvent.findFirst({ where: { batchUuid, action: "source.update" } });
      const source = event ? await loadSource(tx, event.targetUuid, true).catch(() => null) : null;
      if (event && source) {
        const field = source.kind === "filesystem" ? "roots" : "pathMaps";
        const lines = (value: Prisma.JsonValue) =>
          z.array(z.string()).safeParse(z.record(z.string(), z.unknown()).parse(value)[field]);
        const [before, after] = [lines(event.before), lines(event.after)];
        // Folders someone changed since are theirs now.
        if (before.success && after.success && currentFolders(source).join("\n") === after.data.join("\n"))
          await rewriteSource(
            tx,
            actor,
            source,
            { before: after.data, after: before.data },
            { undoOf: batchUuid },
            undoBatch,
          );
      }
      const pathTaken = eligible - changed;
      return {
        batchUuid: undoBatch,
        changed,
        alreadyDone: 0,
        skipped: pathTaken > 0 ? { path_taken: pathTaken } : {},
        undoOf: batchUuid,
        changedSince: total - eligible,
      };
    },
    { timeout: 600_000 },
  );
}

async function checkFolders(folders: string[]): Promise<void> {
  for (const folder of folders) {
    const info = await stat(folder).catch(() => null);
    if (!info?.isDirectory())
      throw new KnownError(
        "invalid",
        `Folder not found on the server: ${folder}; mount the share there first. Nothing was changed.`,
        {
          to: [`Folder not found on the server: ${folder}`],
        },
      );
  }
}
