import "server-only";
import { z } from "zod";
import { ASSET_STATUSES } from "@/lib/assets/status";
import type { AssetListRow } from "@/lib/assets/list";
import type { AssetDetail } from "@/lib/assets/queries";
import { REASONS, TRANSITIONS } from "@/lib/assets/transitions";
import type { TransitionReport } from "@/lib/assets/workflow";
import type { AuditListRow } from "@/lib/audit/list";
import { CATALOG_HEALTH } from "@/lib/catalog/health";
import type { CatalogListRow } from "@/lib/catalog/list";
import type { KeysetPage } from "@/lib/table/keyset";
import { fullProbeSchema, streamsSchema } from "@/lib/api/probe-views";

// What the REST API answers, as zod schemas (the OpenAPI document's components) and the functions
// that turn read models into them. Uuids only; sizes as decimal strings (a 64-bit size does not
// survive a JSON number in every client); times as ISO 8601 in UTC.

const uuid = z.uuid();
const time = z.iso.datetime().meta({ description: "ISO 8601, UTC" });
const size = z.string().regex(/^\d+$/).meta({ description: "bytes, as a decimal string (64-bit safe)" });
const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

export const assetSchema = z
  .object({
    uuid,
    uri: z.string(),
    size,
    durationMs: z.number().int().nullable(),
    videoCodec: z.string().nullable(),
    audioCodec: z.string().nullable(),
    container: z.string().nullable(),
    hashSha256: z.string().nullable(),
    discoveredAt: time,
    status: z.enum(ASSET_STATUSES),
    providers: z.array(z.string()),
    missingSince: time.nullable(),
    probeError: z.string().nullable(),
    streams: streamsSchema,
    qcVerdict: z
      .enum(["pass", "warn", "fail"])
      .nullable()
      .meta({ description: "QC verdict of the current file (docs/qc.md); null: not checked" }),
    loudnessLufs: z.number().nullable().meta({ description: "integrated loudness of the current file (LUFS)" }),
    title: z.string().nullable().meta({ description: "the editorial title (the file name is in uri)" }),
    tags: z.array(z.string()).meta({ description: "editorial tags, normalised (lower case, sorted)" }),
    notesCount: z.number().int().meta({ description: "notes in the asset's thread" }),
  })
  .meta({ id: "Asset", description: "An asset as the table lists it." });

type AssetFields = Pick<
  AssetListRow,
  | "uuid"
  | "uri"
  | "size"
  | "durationMs"
  | "videoCodec"
  | "audioCodec"
  | "container"
  | "hashSha256"
  | "discoveredAt"
  | "status"
  | "providers"
  | "missingSince"
  | "probeError"
  | "streams"
  | "qcVerdict"
  | "loudnessLufs"
  | "title"
  | "tags"
  | "notesCount"
>;

export function assetJson(row: AssetFields): z.infer<typeof assetSchema> {
  return {
    uuid: row.uuid,
    uri: row.uri,
    size: row.size.toString(),
    durationMs: row.durationMs,
    videoCodec: row.videoCodec,
    audioCodec: row.audioCodec,
    container: row.container,
    hashSha256: row.hashSha256,
    discoveredAt: iso(row.discoveredAt),
    status: row.status,
    providers: row.providers,
    missingSince: isoOrNull(row.missingSince),
    probeError: row.probeError,
    streams: row.streams,
    qcVerdict: row.qcVerdict,
    loudnessLufs: row.loudnessLufs,
    title: row.title,
    tags: row.tags,
    notesCount: row.notesCount,
  };
}

const episodeSchema = z
  .object({
    uuid,
    seriesTitle: z.string(),
    seasonNumber: z.number().int(),
    episodeNumber: z.number().int(),
    title: z.string(),
  })
  .meta({ id: "Episode" });

const catalogEntrySchema = z
  .object({
    uuid,
    title: z.string(),
    durationMs: z.number().int(),
    tags: z.array(z.string()),
    filePath: z.string(),
    createdAt: time,
    sourceAssetUuid: uuid.nullable(),
  })
  .meta({ id: "CatalogEntry", description: "A promoted asset: what scheduling and playout use." });

export const assetDetailSchema = assetSchema
  .extend({
    canonical: z.boolean(),
    isDeleted: z.boolean(),
    deletedAt: time.nullable(),
    deleteReason: z.string().nullable(),
    updatedAt: time,
    version: z.number().int(),
    description: z.string().nullable(),
    fileMtime: time.nullable(),
    providerRefs: z.array(z.object({ uuid, provider: z.string(), key: z.string(), raw: z.unknown(), updatedAt: time })),
    episodes: z.array(episodeSchema),
    catalogEntry: catalogEntrySchema.nullable(),
    duplicates: z.array(z.object({ uuid, uri: z.string(), isDeleted: z.boolean() })),
    probe: fullProbeSchema.nullable(),
  })
  .meta({
    id: "AssetDetail",
    description: "An asset with its provider references, episodes, catalog entry and files with the same hash.",
  });

export function assetDetailJson(asset: AssetDetail): z.infer<typeof assetDetailSchema> {
  return {
    ...assetJson(asset),
    canonical: asset.canonical,
    isDeleted: asset.isDeleted,
    deletedAt: isoOrNull(asset.deletedAt),
    deleteReason: asset.deleteReason,
    updatedAt: iso(asset.updatedAt),
    version: asset.version,
    description: asset.description,
    fileMtime: isoOrNull(asset.fileMtime),
    probe: asset.probe,
    providerRefs: asset.providerRefs.map((ref) => ({
      uuid: ref.uuid,
      provider: ref.provider,
      key: ref.providerKey,
      raw: ref.raw,
      updatedAt: iso(ref.updatedAt),
    })),
    episodes: asset.episodes,
    catalogEntry: asset.catalogAsset
      ? {
          uuid: asset.catalogAsset.uuid,
          title: asset.catalogAsset.title,
          durationMs: asset.catalogAsset.durationMs,
          tags: asset.catalogAsset.tags,
          filePath: asset.catalogAsset.filePath,
          createdAt: iso(asset.catalogAsset.createdAt),
          sourceAssetUuid: asset.uuid,
        }
      : null,
    duplicates: asset.duplicates,
  };
}

const catalogListEntrySchema = catalogEntrySchema
  .extend({
    health: z.enum(CATALOG_HEALTH).nullable().meta({
      description:
        "null when the entry plays as promoted; missing (the source asset is gone or its file was not found at the last scan), probe_failed (ffprobe could not read the file), changed (another path or other bytes than at promotion)",
    }),
  })
  .meta({ id: "CatalogListEntry" });

export function catalogEntryJson(row: CatalogListRow): z.infer<typeof catalogListEntrySchema> {
  return {
    health: row.health,
    uuid: row.uuid,
    title: row.title,
    durationMs: row.durationMs,
    tags: row.tags,
    filePath: row.filePath,
    createdAt: iso(row.createdAt),
    sourceAssetUuid: row.sourceAssetUuid,
  };
}

export const auditEventSchema = z
  .object({
    uuid,
    at: time,
    actorEmail: z.string().nullable(),
    apiTokenUuid: uuid
      .nullable()
      .meta({ description: "the API token the change was made with (null: the desk, the CLI or a scan)" }),
    action: z.string(),
    targetType: z.string(),
    targetUuid: uuid,
    before: z.unknown(),
    after: z.unknown(),
    batchUuid: uuid.nullable(),
  })
  .meta({ id: "AuditEvent" });

export function auditEventJson(row: AuditListRow): z.infer<typeof auditEventSchema> {
  return {
    uuid: row.uuid,
    at: iso(row.at),
    actorEmail: row.actorEmail,
    apiTokenUuid: row.apiTokenUuid,
    action: row.action,
    targetType: row.targetType,
    targetUuid: row.targetUuid,
    before: row.before,
    after: row.after,
    batchUuid: row.batchUuid,
  };
}

/** A cursor page: pass `next` as `after` (or `previous` as `before`) to move. */
export function pageSchema<T extends z.ZodType>(item: T, id: string) {
  return z.object({ items: z.array(item), next: z.string().nullable(), previous: z.string().nullable() }).meta({ id });
}

export function pageJson<R, T>(page: KeysetPage<R>, map: (row: R) => T) {
  return { items: page.rows.map(map), next: page.next, previous: page.previous };
}

export const assetPageSchema = pageSchema(assetSchema, "AssetPage");
export const catalogPageSchema = pageSchema(catalogListEntrySchema, "CatalogPage");
export const auditPageSchema = pageSchema(auditEventSchema, "AuditPage");

export const transitionResultSchema = z
  .object({
    uuid,
    transition: z.enum(TRANSITIONS),
    changed: z.boolean().meta({ description: "false when the asset was already in that state" }),
  })
  .meta({ id: "TransitionResult" });

export const bulkReportSchema = z
  .object({
    transition: z.enum(TRANSITIONS),
    batchUuid: uuid.nullable().meta({ description: "undo works by batch (the desk's audit log)" }),
    changed: z.number().int(),
    alreadyDone: z.number().int(),
    skipped: z.partialRecord(
      z.enum(Object.keys(REASONS) as [keyof typeof REASONS, ...(keyof typeof REASONS)[]]),
      z.number().int(),
    ),
    changedUuids: z.array(uuid).meta({ description: "when at most 1,000 changed" }),
  })
  .meta({ id: "BulkReport" });

export function bulkReportJson(report: TransitionReport): z.infer<typeof bulkReportSchema> {
  return {
    transition: report.transition,
    batchUuid: report.batchUuid,
    changed: report.changed,
    alreadyDone: report.alreadyDone,
    skipped: report.skipped,
    changedUuids: report.changedUuids,
  };
}

export const thumbnailRequestReportSchema = z
  .object({
    requestUuid: uuid.meta({ description: "names the request in the audit log (thumbnails.requested)" }),
    matched: z.number().int().meta({ description: "assets the selection matched" }),
    queued: z
      .number()
      .int()
      .meta({ description: "of those, the ones with video: queued, or already waiting in the queue" }),
  })
  .meta({ id: "ThumbnailRequestReport" });
