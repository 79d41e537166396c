import "server-only";
import type { Db } from "@/lib/db";
import { relocateAssets } from "@/lib/assets/relocate";
import { seesDeletedAssets, type ActingViewer } from "@/lib/assets/visibility";
import { writeAudit } from "@/lib/audit/write";
import { KnownError } from "@/lib/errors";

// "Resolve move": a scan found a new file with the bytes of several missing assets (or several new
// files with the bytes of one) and guessed nothing; a person says which missing asset the new file
// is. That asset takes the file's path (keeping its uuid, approval, episode links, QC result and
// catalog entry, audited as asset.moved with resolvedBy), and the asset the scan created for the
// file a moment ago is removed (audited as asset.merged; its run items point at the survivor). The
// new asset may go only while nothing was done with it: not approved, promoted, deleted or linked.

export interface ResolveMoveInput {
  /** The asset the scan created for the new file. */
  assetUuid: string;
  /** The missing asset the file is. */
  intoUuid: string;
}

export interface ResolvedMove {
  assetUuid: string;
  uri: string;
  /** The new file's asset, now removed. */
  removedUuid: string;
}

interface Row {
  id: number;
  uuid: string;
  uri: string;
  size: bigint;
  hash: string | null;
  fileMtime: Date | null;
  canonical: boolean;
  isDeleted: boolean;
  missingSince: Date | null;
  promoted: boolean;
  linked: boolean;
}

export async function resolveMove(db: Db, actor: ActingViewer, input: ResolveMoveInput): Promise<ResolvedMove> {
  if (input.assetUuid === input.intoUuid)
    throw new KnownError("invalid", "Choose a missing asset other than the new one.");
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Row[]>`
      SELECT a.id, a.uuid::text AS uuid, a.uri, a.size, a.hash_sha256 AS hash, a.file_mtime AS "fileMtime", a.canonical,
        a.is_deleted AS "isDeleted", a.missing_since AS "missingSince",
        EXISTS (SELECT 1 FROM catalog_assets c WHERE c.source_asset_id = a.id) AS promoted,
        EXISTS (SELECT 1 FROM episode_assets e WHERE e.asset_id = a.id) AS linked
      FROM assets a WHERE a.uuid IN (${input.assetUuid}::uuid, ${input.intoUuid}::uuid) ORDER BY a.id FOR UPDATE OF a`;
    const visible = (uuid: string) =>
      rows.find((r) => r.uuid === uuid && (!r.isDeleted || seesDeletedAssets(actor.role)));
    const fresh = visible(input.assetUuid);
    const into = visible(input.intoUuid);
    if (!fresh || !into) throw new KnownError("not_found", "No asset has that id.");
    const refusal = refuse(fresh, into);
    if (refusal) throw new KnownError("conflict", refusal);

    await tx.$executeRaw`UPDATE scan_run_items SET asset_id = ${into.id} WHERE asset_id = ${fresh.id}`;
    await tx.$executeRaw`DELETE FROM assets WHERE id = ${fresh.id}`;
    await writeAudit(tx, actor, [
      {
        action: "asset.merged",
        targetType: "asset",
        targetUuid: fresh.uuid,
        before: { uri: fresh.uri, hashSha256: fresh.hash, size: String(fresh.size) },
        after: { mergedInto: into.uuid },
      },
    ]);
    const [moved] = await relocateAssets(tx, actor, [{ id: into.id, from: into.uri, to: fresh.uri }], {
      action: "asset.moved",
      found: true,
      after: { resolvedBy: actor.email, mergedFrom: fresh.uuid },
    });
    if (!moved) throw new KnownError("conflict", "The missing asset changed meanwhile; reload and try again.");
    // The file as the scan last saw it, so the next rescan skips it.
    await tx.$executeRaw`UPDATE assets SET file_mtime = ${fresh.fileMtime} WHERE id = ${into.id}`;
    return { assetUuid: into.uuid, uri: fresh.uri, removedUuid: fresh.uuid };
  });
}

/** Why this pair cannot be merged, or null. */
function refuse(fresh: Row, into: Row): string | null {
  if (into.isDeleted) return "The asset to move is deleted; restore it first.";
  if (!into.missingSince) return `That asset is not missing: its file is still at ${into.uri}.`;
  if (!into.hash || into.hash !== fresh.hash || into.size !== fresh.size)
    return "The two files are not the same bytes (size and SHA-256 differ); nothing was merged.";
  if (fresh.isDeleted || fresh.canonical || fresh.promoted || fresh.linked)
    return "The newly found asset was approved, promoted, deleted or linked to an episode since; it is kept, nothing was merged.";
  return null;
}
