import "server-only";
import { z } from "zod";
import type { Endpoint } from "@/lib/api/endpoint";
import { differentFolders, remapFields, type RemapResult } from "@/lib/ingest/remap";
import type { ResolvedMove } from "@/lib/ingest/resolve-move";

// Identity in the REST API (docs/architecture.md, "Identity"): re-map a source's paths (pre-flight
// with dryRun) and resolve a possible move a scan reported. Listed in ENDPOINTS (lib/api/endpoints.ts).

const uuidParams = z.strictObject({ uuid: z.uuid("must be a uuid") });
const example = z.object({ uuid: z.uuid(), from: z.string(), to: z.string() });

export const remapBody = z
  .strictObject({
    ...remapFields,
    dryRun: z.boolean().default(false).meta({ description: "only the pre-flight: count, examples, conflicts" }),
  })
  .refine(...differentFolders)
  .meta({ id: "RemapRequest" });

export const remapResultSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    dryRun: z.boolean(),
    assets: z.number().int().meta({ description: "the source's assets under `from`" }),
    conflicts: z.number().int().meta({ description: "of those, whose new path another asset holds (skipped)" }),
    examples: z.array(example),
    conflictExamples: z.array(example.extend({ takenBy: z.uuid() })),
    folders: z
      .object({ before: z.array(z.string()), after: z.array(z.string()) })
      .nullable()
      .meta({ description: "the source's folders (or path maps, FROM=TO) re-mapped with the assets" }),
    batchUuid: z.uuid().nullable().meta({ description: "the audit batch; undo it from the desk's audit log" }),
    remapped: z.number().int(),
    skipped: z.number().int(),
  })
  .meta({ id: "RemapResult" });

export const remapResultJson = (result: RemapResult, dryRun: boolean): z.infer<typeof remapResultSchema> => ({
  ...result,
  dryRun,
});

export const remapSourceEndpoint: Endpoint<{ uuid: string }, unknown, z.infer<typeof remapBody>> = {
  method: "POST",
  path: "/sources/{uuid}/remap",
  operationId: "remapSource",
  summary: "Re-map paths: replace the prefix `from` with `to` across a source's assets (a share mounted elsewhere).",
  description:
    "A folder source's assets are those under its folders; a Plex or Jellyfin source's those it reported. The source's folders (or its path maps' local side) under `from` follow. Uuid, approval, episode links and catalog entries stay; catalog entries' file paths follow. A new path another asset already holds is a conflict: counted in the pre-flight and skipped. With dryRun nothing changes. Applied in one transaction, audited as one batch (asset.remapped, source.update), undoable from the audit log. 409 while a scan of the source is queued or running.",
  tag: "Scans",
  capability: "sources.remap",
  params: uuidParams,
  body: remapBody,
  responses: { 200: { description: "The pre-flight, or what was re-mapped.", schema: remapResultSchema } },
  problems: ["conflict"],
};

export const resolveMoveBody = z
  .strictObject({
    into: z.uuid().meta({ description: "the missing asset the new file is (one of the run's candidates)" }),
  })
  .meta({ id: "ResolveMoveRequest" });

export const resolvedMoveSchema = z
  .object({ assetUuid: z.uuid(), uri: z.string(), removedUuid: z.uuid() })
  .meta({ id: "ResolvedMove" }) satisfies z.ZodType<ResolvedMove>;

export const resolveMoveEndpoint: Endpoint<{ uuid: string }, unknown, z.infer<typeof resolveMoveBody>> = {
  method: "POST",
  path: "/assets/{uuid}/resolve-move",
  operationId: "resolveMove",
  summary:
    "Resolve a possible move: the asset a scan just created for a new file ({uuid}) is the missing asset `into`.",
  description:
    "A scan lists a possible move (the run's possibleMoves) when a new file has the bytes of several missing assets, or several new files the bytes of one; it guesses nothing. This merges them: `into` takes the file's path and keeps its uuid, approval, episode links, QC result and catalog entry (audited as asset.moved with resolvedBy); the new asset is removed (asset.merged). Refused (409) when `into` is not missing or deleted, the bytes differ, or the new asset was approved, promoted, deleted or linked since.",
  tag: "Scans",
  capability: "assets.resolve_move",
  params: uuidParams,
  body: resolveMoveBody,
  responses: { 200: { description: "The asset at the file's path now.", schema: resolvedMoveSchema } },
  problems: ["conflict"],
};

export const IDENTITY_ENDPOINTS = [remapSourceEndpoint, resolveMoveEndpoint];
