import "server-only";
import { z } from "zod";
import { selectionRequestBody } from "@/lib/api/selection-body";
import type { Endpoint } from "@/lib/api/endpoint";
import type { ProbeRunView } from "@/lib/assets/probe-runs";
import type { ReprobeReport } from "@/lib/assets/reprobe";

// "Probe again" in the REST API (docs/media-probing.md): one asset now, a selection as a probe run,
// and a probe run's progress. Listed in ENDPOINTS (lib/api/endpoints.ts) for the OpenAPI document.

const uuidParams = z.strictObject({ uuid: z.uuid("must be a uuid") });

export const reprobeReportSchema = z
  .object({
    uuid: z.uuid(),
    outcome: z.enum(["new", "changed", "revoked", "found", "unchanged", "failed"]).meta({
      description:
        "as a scan records it: changed (new bytes or new probe facts), revoked (an approved file's bytes changed), unchanged, failed (ffprobe still fails)",
    }),
    contentChanged: z.boolean().meta({ description: "the file's sha256 or size differs from the recorded one" }),
    probeError: z.string().nullable(),
  })
  .meta({ id: "ReprobeReport" });

export const probeRunSchema = z
  .object({
    uuid: z.uuid(),
    kind: z.enum(["reprobe", "backfill"]),
    status: z.enum(["queued", "running", "succeeded", "failed"]),
    total: z.number().int(),
    done: z.number().int(),
    failed: z.number().int().meta({ description: "of those done, the ones not read (file unreachable or unreadable)" }),
    queuedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "ProbeRun", description: "A bulk probe again or the full-probe backfill, with its progress." });

export const reprobeReportJson = (report: ReprobeReport): z.infer<typeof reprobeReportSchema> => report;

export const probeRunJson = (run: ProbeRunView): z.infer<typeof probeRunSchema> => ({
  ...run,
  queuedAt: run.queuedAt.toISOString(),
  finishedAt: run.finishedAt?.toISOString() ?? null,
});

export const reprobeAssetEndpoint: Endpoint<{ uuid: string }> = {
  method: "POST",
  path: "/assets/{uuid}/probe",
  operationId: "reprobeAsset",
  summary:
    "Probe again: re-read the file now at the asset's uri (sha256 and full probe), even when its size and time are unchanged.",
  description:
    "What it finds is recorded by the scanner's rules: new bytes are a content change (an approved asset loses its approval, audited as asset.content_change and asset.revoke); a file ffprobe can now read clears probeError, so the asset can be approved. Audited as asset.reprobe with before and after. A file not reachable from the server is 409. A deleted asset is 404 below trash.manage.",
  tag: "Assets",
  capability: "assets.reprobe",
  params: uuidParams,
  responses: { 200: { description: "What the file was found to be.", schema: reprobeReportSchema } },
  problems: ["conflict"],
};

const reprobeRequestBody = selectionRequestBody("ReprobeRequest", " (e.g. issue=probe_failed)");

export const requestReprobeEndpoint: Endpoint<unknown, unknown, z.infer<typeof reprobeRequestBody>> = {
  method: "POST",
  path: "/assets/probe",
  operationId: "requestReprobe",
  summary: "Bulk: probe again every selected asset, as a probe run worked by the job queue.",
  description:
    "Each asset is read as POST /assets/{uuid}/probe reads one. The run's progress is GET /probe-runs/{uuid}. The request is audited (probe.requested). Below trash.manage deleted assets are not part of any selection; a selection that matches nothing is 400.",
  tag: "Assets",
  capability: "assets.reprobe",
  body: reprobeRequestBody,
  responses: { 202: { description: "Queued.", schema: probeRunSchema } },
};

export const getProbeRunEndpoint: Endpoint<{ uuid: string }> = {
  method: "GET",
  path: "/probe-runs/{uuid}",
  operationId: "getProbeRun",
  summary: "A probe run (bulk probe again, or the full-probe backfill): status and progress.",
  tag: "Assets",
  capability: "assets.read",
  params: uuidParams,
  responses: { 200: { description: "The run.", schema: probeRunSchema } },
};

export const PROBE_ENDPOINTS: Endpoint[] = [reprobeAssetEndpoint, requestReprobeEndpoint, getProbeRunEndpoint];
