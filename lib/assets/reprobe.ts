import "server-only";
import type { Db } from "@/lib/db";
import { visibleAssetSql } from "@/lib/assets/scope";
import type { ActingViewer } from "@/lib/assets/visibility";
import { writeAudit } from "@/lib/audit/write";
import { KnownError } from "@/lib/errors";
import { loadKnown, writeReadFiles } from "@/lib/ingest/ingest";
import { readLocalFile, statLocal } from "@/lib/ingest/local-file";
import { planObservation, type Outcome } from "@/lib/ingest/plan";
import { probeColumnsOf, type FullProbe } from "@/lib/ingest/full-probe";

// "Probe again": reads the file now at the asset's uri — hash and full probe — even when its size
// and modification time are what a rescan would skip. What it finds is recorded by the scanner's
// own rules (lib/ingest/plan.ts, writeReadFiles): new bytes are a content change (an approved file
// loses its approval), a file ffprobe now reads clears probe_error and so becomes approvable.

export interface ReprobeReport {
  uuid: string;
  /** The scanner's outcome: "changed" (new bytes or new probe facts), "unchanged", "failed" (ffprobe still fails), "revoked". */
  outcome: Exclude<Outcome, "moved">;
  contentChanged: boolean;
  probeError: string | null;
}

/** The one asset the viewer may reach by this uuid, or not found (a deleted one below trash.manage). */
export async function reprobeAsset(db: Db, actor: ActingViewer, uuid: string): Promise<ReprobeReport> {
  const [row] = await db.$queryRaw<{ id: number; uuid: string; uri: string }[]>`
    SELECT a.id, a.uuid::text AS uuid, a.uri FROM assets a WHERE a.uuid = ${uuid}::uuid AND ${visibleAssetSql(actor.role)}`;
  if (!row) throw new KnownError("not_found", "No such asset.");
  return reprobeFile(db, actor, row);
}

/** Reads one asset's file and records what it found, with its `asset.reprobe` audit row, in one transaction. */
export async function reprobeFile(
  db: Db,
  actor: ActingViewer,
  asset: { id: number; uuid: string; uri: string },
  signal?: AbortSignal,
): Promise<ReprobeReport> {
  const local = await statLocal(asset.uri);
  if (!local) throw new KnownError("conflict", `The file is not reachable from here: ${asset.uri}`);
  const content = await readLocalFile(asset.uri, local.size, local.mtimeMs);
  if (content.kind === "unreadable") throw new KnownError("conflict", content.error);
  const probe = content.kind === "read" ? content.probe : null;
  signal?.throwIfAborted();
  return db.$transaction(async (tx) => {
    const known = (await loadKnown(tx, [asset.uri], true)).get(asset.uri);
    // Moved or renamed meanwhile: this uri is another asset's now (or none's), so nothing to record here.
    if (known?.id !== asset.id)
      throw new KnownError("conflict", "The asset's file changed while it was read; try again.");
    const [before] = await tx.$queryRaw<{ probe: FullProbe | null }[]>`SELECT probe FROM assets WHERE id = ${asset.id}`;
    const planned = planObservation({ uri: asset.uri, content, ref: null, episode: null }, known);
    await writeReadFiles(tx, { actor, runUuid: null }, [planned]);
    // The filter figures (height, interlaced, HDR, channels, languages, subtitles) tell what changed.
    const figures = (probe: FullProbe | null | undefined) => (probe ? { ...probeColumnsOf(probe) } : null);
    await writeAudit(tx, actor, [
      {
        action: "asset.reprobe",
        targetType: "asset",
        targetUuid: asset.uuid,
        before: {
          hashSha256: known.hashSha256,
          probeError: known.probeError,
          probe: figures(before?.probe),
        },
        after: {
          hashSha256: planned.values.hashSha256,
          probeError: planned.values.probeError,
          probe: figures(probe),
          outcome: planned.outcome,
        },
      },
    ]);
    return {
      uuid: asset.uuid,
      // One asset read at its own path: never a move.
      outcome: planned.outcome === "moved" ? "unchanged" : planned.outcome,
      contentChanged: planned.contentChanged,
      probeError: planned.values.probeError,
    };
  });
}
