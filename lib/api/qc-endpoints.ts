import "server-only";
import { z } from "zod";
import { selectionRequestBody } from "@/lib/api/selection-body";
import type { Endpoint } from "@/lib/api/endpoint";
import { qcRequestReportSchema, qcViewSchema } from "@/lib/api/qc-views";

// The QC endpoints of /api/v1 (docs/qc.md); lib/api/endpoints.ts lists them with the others (and
// this module imports nothing from it, so neither waits on the other).

const uuidParams = z.strictObject({ uuid: z.uuid("must be a uuid") });

const selectionBody = selectionRequestBody("QcRequest");

export const getAssetQcEndpoint: Endpoint<{ uuid: string }> = {
  method: "GET",
  path: "/assets/{uuid}/qc",
  operationId: "getAssetQc",
  summary: "The asset's QC: verdict, loudness, true peak, black/silence/freeze events, and its job if queued.",
  description:
    "A result measured on an earlier version of the file has current = false and does not count (verdict null). A deleted asset is 404 below trash.manage.",
  tag: "Assets",
  capability: "assets.read",
  params: uuidParams,
  responses: { 200: { description: "The asset's QC.", schema: qcViewSchema } },
};

export const runAssetQcEndpoint: Endpoint<{ uuid: string }> = {
  method: "POST",
  path: "/assets/{uuid}/qc",
  operationId: "runAssetQc",
  summary: "Queue QC of the asset's current file under the default profile.",
  description:
    "Answers at once (202); GET …/qc shows the job and then the result. 409 when QC cannot read the asset (no probed video or sound). Audited (qc.requested).",
  tag: "Assets",
  capability: "qc.run",
  params: uuidParams,
  responses: { 202: { description: "Queued.", schema: qcRequestReportSchema } },
  problems: ["conflict"],
};

export const requestQcEndpoint: Endpoint<unknown, unknown, z.infer<typeof selectionBody>> = {
  method: "POST",
  path: "/assets/qc",
  operationId: "requestQc",
  summary: "Bulk: queue QC of every selected asset QC can read.",
  description:
    "One waiting job per asset however often it is asked for. Audited (qc.requested). Below the trash.manage capability deleted assets are not part of any selection.",
  tag: "Assets",
  capability: "qc.bulk",
  body: selectionBody,
  responses: { 202: { description: "Queued.", schema: qcRequestReportSchema } },
};

export const qcEndpoints = [getAssetQcEndpoint, runAssetQcEndpoint, requestQcEndpoint];
