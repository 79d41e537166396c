import "server-only";
import { z } from "zod";
import { selectionRequestBody } from "@/lib/api/selection-body";
import { ASSET_EXPORT_SPECS, parseAssetExportParams } from "@/lib/assets/export-params";
import { ASSET_LIST_SPECS, parseAssetListParams } from "@/lib/assets/list-params";
import { RULES, qcOverrideSchema } from "@/lib/assets/rules";
import { tagsSchema } from "@/lib/assets/tags";
import {
  API_BULK_TRANSITIONS,
  TRANSITIONS,
  inverseOf,
  type ApiBulkTransition,
  type Transition,
} from "@/lib/assets/transitions";
import { MAX_SELECTED_UUIDS } from "@/lib/assets/workflow";
import { AUDIT_LIST_SPECS, parseAuditListParams } from "@/lib/audit/list-params";
import { CATALOG_LIST_SPECS, parseCatalogListParams } from "@/lib/catalog/list-params";
import { tableQuery, type Endpoint } from "@/lib/api/endpoint";
import {
  assetDetailSchema,
  assetPageSchema,
  auditPageSchema,
  bulkReportSchema,
  catalogPageSchema,
  thumbnailRequestReportSchema,
  transitionResultSchema,
} from "@/lib/api/views";
import { runSummarySchema } from "@/lib/api/run-view";
import { PROBE_ENDPOINTS } from "@/lib/api/probe-endpoints";
import { qcEndpoints } from "@/lib/api/qc-endpoints";
import { catalogEntryEndpoints } from "@/lib/api/catalog-endpoints";
import { IDENTITY_ENDPOINTS } from "@/lib/api/identity-endpoints";
import { EDITORIAL_ENDPOINTS } from "@/lib/api/editorial-endpoints";
import { AUTOMATION_ENDPOINTS } from "@/lib/api/automation-endpoints";

// Every endpoint of /api/v1. Route handlers take theirs from here; the OpenAPI document lists them all.

const uuidParams = z.strictObject({ uuid: z.uuid("must be a uuid") });

const tags = tagsSchema.meta({ description: "catalog tags (promote only)" });
const reason = z.string().trim().max(500).meta({ description: "why it is deleted or purged (delete and purge only)" });
const qcOverride = qcOverrideSchema.meta({
  description: "approve only: why assets that failed QC may be approved anyway (recorded in the audit row)",
});
const transitionBody = z
  .strictObject({ tags: tags.optional(), reason: reason.optional(), qcOverride: qcOverride.optional() })
  .meta({ id: "TransitionOptions" });

export const bulkBody = z
  .union([
    z.strictObject({
      filter: z.record(z.string(), z.union([z.string(), z.array(z.string())])).meta({
        description:
          "the desk's asset filter: the parameters of /assets (status, q, provider, container, …), as in GET /assets",
      }),
      tags: tags.optional(),
      reason: reason.optional(),
      qcOverride: qcOverride.optional(),
    }),
    z.strictObject({
      uuids: z.array(z.uuid()).min(1).max(MAX_SELECTED_UUIDS),
      tags: tags.optional(),
      reason: reason.optional(),
      qcOverride: qcOverride.optional(),
    }),
  ])
  .meta({
    id: "BulkSelection",
    description: `Either { "filter": {…} } or { "uuids": [...] } (at most ${MAX_SELECTED_UUIDS}).`,
  });

const WHAT: Record<Transition, string> = {
  approve: "Approve (canonical = true); needs probe data, and qcOverride when it failed QC.",
  revoke: "Revoke approval; a promoted asset must be withdrawn first.",
  promote: "Promote an approved asset to the broadcast catalog.",
  withdraw: "Withdraw an asset from the catalog.",
  delete: "Soft-delete (the row and its audit trail stay).",
  restore: "Restore a soft-deleted asset.",
  purge:
    "Purge a soft-deleted asset for good: the row goes; its audit trail and a tombstone (uri, hash, who, why) stay.",
};

export const listAssetsEndpoint: Endpoint<unknown, ReturnType<typeof parseAssetListParams>["query"]> = {
  method: "GET",
  path: "/assets",
  operationId: "listAssets",
  summary: "List assets with the desk's filters, sorted, paged by cursor.",
  description: "status=deleted needs the trash.manage capability, as on the desk.",
  tag: "Assets",
  capability: "assets.read",
  query: tableQuery(ASSET_LIST_SPECS, parseAssetListParams),
  responses: { 200: { description: "A page of assets.", schema: assetPageSchema } },
  problems: ["forbidden"],
};

export const exportAssetsEndpoint: Endpoint<unknown, ReturnType<typeof parseAssetExportParams>["query"]> = {
  method: "GET",
  path: "/assets/export.csv",
  operationId: "exportAssetsCsv",
  summary: "Every asset the filters match, as CSV, in the sort asked for; streamed, whatever the count.",
  description:
    "The filters, status, sort and dir of GET /assets (no per, after or before: an export is every matching row), plus columns: the table's column ids to write, in that order (default all). The first column is always uuid; sizes in bytes, durations in ms, times ISO 8601 UTC, providers joined with ';'. Cells that start with = + - @, tab or CR get a leading ' so spreadsheets do not run them as formulas. status=deleted needs the trash.manage capability, as on the desk.",
  tag: "Assets",
  capability: "assets.read",
  query: tableQuery(ASSET_EXPORT_SPECS, parseAssetExportParams),
  responses: { 200: { description: "The CSV (an attachment named assets-<UTC time>.csv).", contentType: "text/csv" } },
  problems: ["forbidden"],
};

export const getAssetEndpoint: Endpoint<{ uuid: string }> = {
  method: "GET",
  path: "/assets/{uuid}",
  operationId: "getAsset",
  summary: "One asset with its provider references, episodes and catalog entry.",
  description:
    "A deleted asset is 404, as an unknown uuid, below the trash.manage capability; its same-content list leaves deleted copies out the same way.",
  tag: "Assets",
  capability: "assets.read",
  params: uuidParams,
  responses: { 200: { description: "The asset.", schema: assetDetailSchema } },
};

// Withdraw and restore refuse nothing (see RULES): an asset that cannot take them already has.
const CAN_CONFLICT: Record<Transition, boolean> = {
  approve: true,
  revoke: true,
  promote: true,
  withdraw: false,
  delete: true,
  restore: false,
  purge: true,
};

type TransitionBody = z.infer<typeof transitionBody>;
type BulkBody = z.infer<typeof bulkBody>;

function transitionEndpoint(transition: Transition): Endpoint<{ uuid: string }, unknown, TransitionBody> {
  return {
    method: "POST",
    path: `/assets/{uuid}/${transition}`,
    operationId: `${transition}Asset`,
    summary: WHAT[transition],
    description: `Already in that state: 200 with changed = false.${CAN_CONFLICT[transition] ? " Not allowed by the workflow rules: 409 with the reason." : ""} A deleted asset is 404, as an unknown uuid, below the trash.manage capability.`,
    tag: "Assets",
    capability: RULES[transition].capability,
    params: uuidParams,
    body: transitionBody,
    responses: { 200: { description: "Done (or nothing to do).", schema: transitionResultSchema } },
    problems: CAN_CONFLICT[transition] ? ["conflict"] : [],
  };
}

function bulkEndpoint(transition: ApiBulkTransition): Endpoint<unknown, unknown, BulkBody> {
  const undo = inverseOf(transition)
    ? "The batch can be undone from the audit log."
    : transition === "purge"
      ? "Nothing undoes a purge: each purged asset's audit row is its tombstone (uuid, file, hash, who deleted and purged it, and why)."
      : "";
  return {
    method: "POST",
    path: `/assets/${transition}`,
    operationId: `bulk${transition[0]!.toUpperCase()}${transition.slice(1)}`,
    summary: `Bulk: ${WHAT[transition].toLowerCase()}`,
    description: `Applies to every asset the filter matches (evaluated by the server) or to the listed uuids; reports what changed, what was already done and what was skipped and why. ${undo} Below the trash.manage capability deleted assets are not part of any selection (by uuid or with status=deleted): they are neither counted nor touched.`,
    tag: "Assets",
    capability: RULES[transition].capability,
    body: bulkBody,
    responses: { 200: { description: "What the bulk change did.", schema: bulkReportSchema } },
  };
}

export const transitionEndpoints = Object.fromEntries(TRANSITIONS.map((t) => [t, transitionEndpoint(t)])) as Record<
  Transition,
  ReturnType<typeof transitionEndpoint>
>;
export const bulkEndpoints = Object.fromEntries(API_BULK_TRANSITIONS.map((t) => [t, bulkEndpoint(t)])) as Record<
  ApiBulkTransition,
  ReturnType<typeof bulkEndpoint>
>;

export const assetMediaEndpoint: Endpoint<{ uuid: string }> = {
  method: "GET",
  path: "/assets/{uuid}/media",
  operationId: "getAssetMedia",
  summary: "The asset's file, for formats browsers play, with HTTP Range support (206 partial content).",
  description:
    "Only a file whose real path (every symlink resolved) lies inside a source's folder or a path-map target is served; any other, a missing one and a deleted asset below trash.manage are 404, and the answer never names the path.",
  tag: "Assets",
  capability: "assets.read",
  params: uuidParams,
  responses: {
    200: { description: "The whole file.", contentType: "video/*" },
    206: { description: "The requested byte range.", contentType: "video/*" },
  },
  problems: ["unsupported_media", "range_not_satisfiable"],
};

const previewSchema = z
  .object({
    mode: z.enum(["direct", "remux", "transcode", "none"]),
    why: z
      .string()
      .describe('How it plays and why, e.g. "transcoded: HEVC (H.265)/AC-3 in Matroska (MKV)"; for "none", why not.'),
    source: z
      .enum(["file", "plex", "jellyfin"])
      .nullable()
      .describe(
        "Where the bytes come from: the file inside a source's folders, or the Plex/Jellyfin server that lists it.",
      ),
    url: z
      .string()
      .nullable()
      .describe("What a player loads: the media route (direct) or the HLS playlist (remux, transcode); null for none."),
    durationMs: z.number().int().nullable(),
  })
  .meta({ id: "AssetPreview" });

export const assetPreviewEndpoint: Endpoint<{ uuid: string }> = {
  method: "GET",
  path: "/assets/{uuid}/preview",
  operationId: "getAssetPreview",
  summary:
    "How the asset previews in a browser: direct, remuxed or transcoded HLS, from its file or its Plex/Jellyfin server.",
  tag: "Assets",
  capability: "assets.read",
  params: uuidParams,
  responses: { 200: { description: "The preview's mode and the URL a player loads.", schema: previewSchema } },
};

export const assetPreviewPlaylistEndpoint: Endpoint<{ uuid: string }> = {
  method: "GET",
  path: "/assets/{uuid}/preview/index.m3u8",
  operationId: "getAssetPreviewPlaylist",
  summary:
    "The HLS playlist (VOD) of a remux or transcode preview, listing every segment up front so a player can seek anywhere.",
  description:
    "Segments are made on demand by ffmpeg, starting where the player asks; the same file and visibility rules as the media route apply.",
  tag: "Assets",
  capability: "assets.read",
  params: uuidParams,
  responses: { 200: { description: "The media playlist.", contentType: "application/vnd.apple.mpegurl" } },
  problems: ["unsupported_media", "preview_busy"],
};

export const assetPreviewSegmentEndpoint: Endpoint<{ uuid: string; segment: string }> = {
  method: "GET",
  path: "/assets/{uuid}/preview/{segment}",
  operationId: "getAssetPreviewSegment",
  summary: "One MPEG-TS segment of a preview playlist (`<file identity>-<n>.ts`); waits while ffmpeg makes it.",
  description:
    "The name carries the identity of the file the playlist was made for: when the file has changed since, the answer is 409 and the player reloads the playlist.",
  tag: "Assets",
  capability: "assets.read",
  params: z.strictObject({
    uuid: z.uuid("must be a uuid"),
    segment: z.string().regex(/^[0-9a-f]{16}-\d{1,6}\.ts$/, "must be a segment name from the playlist"),
  }),
  responses: { 200: { description: "The segment.", contentType: "video/mp2t" } },
  problems: ["unsupported_media", "preview_busy", "conflict"],
};

const THUMBNAIL_RULES =
  "As the media route: any role that may read the asset, a deleted asset only for trash.manage, and only while its file lies inside a source's folder or a path-map target (else 404, without the path). Pictures not made yet, or made from an earlier version of the file, are queued and answered with 404 `thumbnail_pending` and Retry-After. The ETag is the file's fingerprint (its sha256): If-None-Match answers 304.";
const THUMBNAIL_HEADERS = {
  ETag: "The fingerprint of the file the pictures were made from; a changed file has another.",
  "Cache-Control": "private, max-age=60",
};

function thumbnailEndpoint(
  file: "poster.jpg" | "strip.jpg" | "strip.vtt",
  operationId: string,
  summary: string,
  response: string,
): Endpoint<{ uuid: string }> {
  return {
    method: "GET",
    path: `/assets/{uuid}/${file}`,
    operationId,
    summary,
    description: THUMBNAIL_RULES,
    tag: "Assets",
    capability: "assets.read",
    params: uuidParams,
    responses: {
      200: {
        description: response,
        contentType: file.endsWith(".vtt") ? "text/vtt" : "image/jpeg",
        headers: THUMBNAIL_HEADERS,
      },
    },
    problems: ["thumbnail_pending"],
  };
}

export const assetPosterEndpoint = thumbnailEndpoint(
  "poster.jpg",
  "getAssetPoster",
  "The asset's poster: a representative frame (not a black first one), 320 px wide, JPEG.",
  "The poster.",
);
export const assetStripEndpoint = thumbnailEndpoint(
  "strip.jpg",
  "getAssetStrip",
  "The asset's scrub strip: one 160x90 tile (letter-boxed) per 10 s of media, at most 100, ten to a row, in one JPEG.",
  "The sprite.",
);
export const assetStripVttEndpoint = thumbnailEndpoint(
  "strip.vtt",
  "getAssetStripVtt",
  "The scrub strip as a WebVTT thumbnails track: one cue per tile, covering the whole duration, each `…/strip.jpg#xywh=x,y,w,h`.",
  "The track.",
);

const thumbnailRequestBody = selectionRequestBody("ThumbnailRequest");

export const requestThumbnailsEndpoint: Endpoint<unknown, unknown, z.infer<typeof thumbnailRequestBody>> = {
  method: "POST",
  path: "/assets/thumbnails",
  operationId: "requestThumbnails",
  summary: "Bulk: queue the poster and scrub strip of every selected asset that has video.",
  description:
    "Pictures change nothing about an asset, so every role that reads assets may ask. Assets whose pictures are current are left as they are (their job finds nothing to do); one already waiting is not queued twice. The request is recorded in the audit log (thumbnails.requested). Below the trash.manage capability deleted assets are not part of any selection.",
  tag: "Assets",
  capability: "assets.read",
  body: thumbnailRequestBody,
  responses: { 202: { description: "Queued.", schema: thumbnailRequestReportSchema } },
};

export const listCatalogEndpoint: Endpoint<unknown, ReturnType<typeof parseCatalogListParams>["query"]> = {
  method: "GET",
  path: "/catalog",
  operationId: "listCatalog",
  summary: "List the broadcast catalog, paged by cursor.",
  tag: "Catalog",
  capability: "assets.read",
  query: tableQuery(CATALOG_LIST_SPECS, parseCatalogListParams),
  responses: { 200: { description: "A page of catalog entries.", schema: catalogPageSchema } },
};

export const listAuditEndpoint: Endpoint<unknown, ReturnType<typeof parseAuditListParams>["query"]> = {
  method: "GET",
  path: "/audit",
  operationId: "listAudit",
  summary: "The audit log: every change with actor, action, target and values before and after.",
  tag: "Audit",
  capability: "trash.manage",
  query: tableQuery(AUDIT_LIST_SPECS, parseAuditListParams),
  responses: { 200: { description: "A page of audit events.", schema: auditPageSchema } },
};

export const getScanRunEndpoint: Endpoint<{ uuid: string }> = {
  method: "GET",
  path: "/scan-runs/{uuid}",
  operationId: "getScanRun",
  summary: "A scan or import run: status, progress, counts and the first errors.",
  tag: "Scans",
  capability: "assets.read",
  params: uuidParams,
  responses: { 200: { description: "The run.", schema: runSummarySchema } },
};

export const startScanEndpoint: Endpoint<{ uuid: string }> = {
  method: "POST",
  path: "/sources/{uuid}/scans",
  operationId: "startScan",
  summary: "Queue a scan of a source; returns at once with the run to follow.",
  tag: "Scans",
  capability: "assets.edit",
  params: uuidParams,
  responses: { 202: { description: "Queued.", schema: runSummarySchema } },
  problems: ["conflict"],
};

export const openApiEndpoint: Endpoint = {
  method: "GET",
  path: "/openapi.json",
  operationId: "getOpenApi",
  summary: "This document.",
  tag: "Meta",
  capability: "public",
  responses: { 200: { description: "OpenAPI 3.1." } },
};

/** In document order. */
export const ENDPOINTS: Endpoint[] = [
  listAssetsEndpoint,
  exportAssetsEndpoint,
  getAssetEndpoint,
  assetMediaEndpoint,
  assetPreviewEndpoint,
  assetPreviewPlaylistEndpoint,
  assetPreviewSegmentEndpoint,
  assetPosterEndpoint,
  assetStripEndpoint,
  assetStripVttEndpoint,
  ...Object.values(transitionEndpoints),
  ...Object.values(bulkEndpoints),
  requestThumbnailsEndpoint,
  ...PROBE_ENDPOINTS,
  ...qcEndpoints,
  ...EDITORIAL_ENDPOINTS,
  listCatalogEndpoint,
  ...catalogEntryEndpoints,
  listAuditEndpoint,
  startScanEndpoint,
  getScanRunEndpoint,
  ...IDENTITY_ENDPOINTS,
  ...AUTOMATION_ENDPOINTS,
  openApiEndpoint,
] as Endpoint[];
