import "server-only";
import path from "node:path";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/session";
import { writeAudit } from "@/lib/audit/write";
import { loadMediaRoots, localPath, resolveMediaPath } from "@/lib/assets/media-roots";
import { editRefusal } from "@/lib/assets/rules";
import { seesDeletedAssets } from "@/lib/assets/visibility";
import { KnownError } from "@/lib/errors";
import { readLocalFile, statLocal } from "@/lib/ingest/local-file";

// Editing an asset's metadata and file path, with optimistic concurrency: the form carries the
// version it was read at, and a save against a newer version overwrites nothing.
//
// A new path must name a media file inside a source's folders (lib/assets/media-roots.ts), and the
// file there is hashed and probed before anything is saved: its own size, hash, duration, codecs
// and container replace the old file's (and the form's), so figures measured on one file never
// vouch for another. A file ffprobe cannot read is saved with its probe error, which keeps the
// asset from being approved (lib/assets/rules.ts).

export interface AssetEdit {
  uuid: string;
  version: number;
  uri: string;
  durationMs: number | null;
  videoCodec: string | null;
  audioCodec: string | null;
  container: string | null;
}

export interface EditResult {
  /** The form's fields that changed. */
  changed: string[];
  version: number;
  /** When the path changed: the new file was read, and ffprobe's complaint about it if it had one. */
  reread: { probeError: string | null } | null;
}

const FORM_FIELDS = ["uri", "durationMs", "videoCodec", "audioCodec", "container"] as const;
const FILE_FIELDS = ["size", "hashSha256", "fileMtime", "probeError", "missingSince"] as const;

const EDITABLE = {
  version: true,
  canonical: true,
  isDeleted: true,
  uri: true,
  durationMs: true,
  videoCodec: true,
  audioCodec: true,
  container: true,
  size: true,
  hashSha256: true,
  fileMtime: true,
  probeError: true,
  missingSince: true,
  catalogAsset: { select: { uuid: true } },
} satisfies Prisma.AssetSelect;
type Editable = Prisma.AssetGetPayload<{ select: typeof EDITABLE }>;
type Values = Omit<Editable, "version" | "canonical" | "isDeleted" | "catalogAsset">;
type FileValues = Pick<Values, (typeof FILE_FIELDS)[number] | Exclude<(typeof FORM_FIELDS)[number], "uri">>;

const notFound = () => new KnownError("not_found", "That asset no longer exists.");
const PATH_HINT =
  "No readable media file at this path inside a source's folders (a folder source, or a path-map target of a Plex or Jellyfin source).";
const badPath = (message = PATH_HINT) => new KnownError("invalid", message, { uri: [message] });

/** The rules an edit must pass, against the row as it is now; the version comes after visibility, so a hidden asset tells nothing. */
function checkEditable(asset: Editable, actor: Actor, edit: AssetEdit): void {
  if (asset.isDeleted && !seesDeletedAssets(actor.role)) throw notFound();
  if (asset.version !== edit.version) {
    throw new KnownError(
      "conflict",
      `Someone changed this asset after you opened it (it is now at version ${asset.version}). Nothing was saved: reload to see their change, then edit again.`,
    );
  }
  const refusal = editRefusal(actor.role, { ...asset, promoted: asset.catalogAsset !== null });
  if (refusal) throw refusal;
}

/** The new path as stored: absolute and normalised (a `file://` URI becomes its path), or a field error. */
function normalisedPath(uri: string): string {
  const file = localPath(uri);
  if (!file) throw badPath("Enter an absolute path (starting with /) or a file:// URI.");
  return path.resolve(file);
}

/** Hashes and probes the file at a new path, when it is inside the media roots; a field error otherwise (missing and forbidden look the same). */
async function readNewFile(db: Db, uri: string): Promise<FileValues> {
  const real = await resolveMediaPath(uri, await loadMediaRoots(db));
  const info = real ? await statLocal(real) : null;
  if (!real || !info) throw badPath();
  const content = await readLocalFile(real, info.size, info.mtimeMs);
  if (content.kind !== "read") throw badPath();
  return {
    size: BigInt(content.size),
    hashSha256: content.hashSha256,
    fileMtime: content.mtime,
    probeError: content.probeError,
    missingSince: null,
    durationMs: content.durationMs,
    videoCodec: content.videoCodec,
    audioCodec: content.audioCodec,
    container: content.container,
  };
}

const same = (a: unknown, b: unknown) =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
const json = (value: unknown): Prisma.InputJsonValue | null =>
  typeof value === "bigint"
    ? String(value)
    : value instanceof Date
      ? value.toISOString()
      : (value as Prisma.InputJsonValue | null);

export async function editAsset(db: Db, actor: Actor, edit: AssetEdit): Promise<EditResult> {
  // A new path's file is read before the transaction (hashing a large file takes seconds, and no
  // row should stay locked meanwhile); the version check inside makes sure the row it is written
  // to is still the one the form was read from. The rules are checked first, so a refused edit
  // reads no file.
  const current = await db.asset.findUnique({ where: { uuid: edit.uuid }, select: EDITABLE });
  if (!current) throw notFound();
  checkEditable(current, actor, edit);
  const uri = edit.uri === current.uri ? current.uri : normalisedPath(edit.uri);
  const file = uri === current.uri ? null : await readNewFile(db, uri);

  try {
    return await db.$transaction(async (tx) => {
      const [locked] = await tx.$queryRaw<
        Array<{ id: number }>
      >`SELECT id FROM assets WHERE uuid = ${edit.uuid}::uuid FOR UPDATE`;
      if (!locked) throw notFound();
      const asset = await tx.asset.findUniqueOrThrow({ where: { id: locked.id }, select: EDITABLE });
      checkEditable(asset, actor, edit);
      // Same version, so the same path as read above; anything else would be a bug worth stopping for.
      if ((file === null) !== (uri === asset.uri))
        throw new KnownError("conflict", "The asset changed while its file was read; reload and edit again.");

      const next: Values = {
        ...asset,
        uri,
        durationMs: edit.durationMs,
        videoCodec: edit.videoCodec,
        audioCodec: edit.audioCodec,
        container: edit.container,
        ...file,
      };
      if (asset.canonical) checkStillApprovable(next, file !== null);
      const changed = ([...FORM_FIELDS, ...FILE_FIELDS] as const).filter((field) => !same(asset[field], next[field]));
      const result = (version: number): EditResult => ({
        changed: FORM_FIELDS.filter((field) => changed.includes(field)),
        version,
        reread: file ? { probeError: file.probeError } : null,
      });
      if (changed.length === 0) return result(asset.version);
      if (changed.includes("uri")) {
        const other = await tx.asset.findUnique({ where: { uri }, select: { uuid: true, isDeleted: true } });
        if (other) throw uriTaken(other, actor);
      }
      const data = Object.fromEntries(changed.map((field) => [field, next[field]]));
      await tx.asset.update({ where: { id: locked.id }, data: { ...data, version: { increment: 1 } } });
      await writeAudit(tx, actor, [
        {
          action: "asset.update",
          targetType: "asset",
          targetUuid: edit.uuid,
          before: Object.fromEntries(changed.map((field) => [field, json(asset[field])])),
          after: Object.fromEntries(changed.map((field) => [field, json(next[field])])),
        },
      ]);
      return result(asset.version + 1);
    });
  } catch (error) {
    // Two saves racing for the same new path: the unique index decides, the message explains.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw uriTaken(null, actor);
    throw error;
  }
}

/** An approved asset keeps what approval asked of it; after a path change, the new file's own figures must pass. */
function checkStillApprovable(next: Values, reread: boolean): void {
  if (!reread) {
    if (next.durationMs === null)
      throw new KnownError("invalid", "An approved asset needs a duration.", {
        durationMs: ["An approved asset needs a duration."],
      });
    return;
  }
  const problem = next.probeError
    ? `ffprobe could not read the new file (${next.probeError})`
    : next.durationMs === null || next.container === null || (next.videoCodec === null && next.audioCodec === null)
      ? "ffprobe found no duration, container or codec in the new file"
      : null;
  if (problem) {
    const message = `${problem}; an approved asset needs a file that probes. Revoke the approval first to point it at this file.`;
    throw new KnownError("invalid", message, { uri: [message] });
  }
}

function uriTaken(other: { uuid: string; isDeleted: boolean } | null, actor: Actor): KnownError {
  // A deleted asset is named only to those who may see it (lib/assets/visibility.ts).
  const which =
    other && (!other.isDeleted || seesDeletedAssets(actor.role))
      ? ` (${other.isDeleted ? "a deleted asset, " : ""}uuid ${other.uuid})`
      : "";
  const message = `Another asset${which} already has this file path; every path belongs to one asset, deleted ones included.`;
  return new KnownError("conflict", message, { uri: [message] });
}
