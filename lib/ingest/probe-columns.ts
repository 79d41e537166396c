import "server-only";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { probeColumnsOf, type FullProbe } from "@/lib/ingest/full-probe";

/**
 * Writes the full probe of each asset and the filter columns derived from it, in one statement:
 * a scan's or import's batch, a "probe again" and the backfill all write it here.
 * A null probe (ffprobe failed) clears them, so a file that stopped being media is not still filtered as HD.
 */
export async function writeFullProbes(
  tx: Db | Prisma.TransactionClient,
  rows: readonly { id: number; probe: FullProbe | null }[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = rows.map((row) => probeColumnsOf(row.probe));
  const col = <T>(pick: (index: number) => T) => rows.map((_, index) => pick(index));
  await tx.$executeRaw`
    UPDATE assets a SET probe = v.probe, video_height = v.video_height, interlaced = v.interlaced, hdr = v.hdr,
      audio_channels = v.audio_channels, subtitle_count = v.subtitle_count,
      audio_languages = CASE WHEN v.languages IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(v.languages)) END
    FROM unnest(${col((i) => rows[i]!.id)}::int[], ${col((i) => (rows[i]!.probe ? JSON.stringify(rows[i]!.probe) : null))}::jsonb[],
      ${col((i) => columns[i]!.videoHeight)}::int[], ${col((i) => columns[i]!.interlaced)}::boolean[], ${col((i) => columns[i]!.hdr)}::boolean[],
      ${col((i) => columns[i]!.audioChannels)}::int[], ${col((i) => columns[i]!.subtitleCount)}::int[],
      ${col((i) => (columns[i]!.audioLanguages ? JSON.stringify(columns[i]!.audioLanguages) : null))}::jsonb[])
      AS v(id, probe, video_height, interlaced, hdr, audio_channels, subtitle_count, languages)
    WHERE a.id = v.id`;
}
