import "server-only";
import { z } from "zod";
import type { QcView } from "@/lib/qc/result";
import { QC_EVENT_KINDS } from "@/lib/qc/types";

// QC as the REST API answers it (GET /assets/{uuid}/qc), and the report of a QC request.

const verdict = z.enum(["pass", "warn", "fail"]);

export const qcViewSchema = z
  .object({
    verdict: verdict.nullable().meta({ description: "the verdict for the current file; null: not checked" }),
    current: z.boolean().meta({ description: "whether the stored result was measured on the current file" }),
    job: z.enum(["waiting", "running"]).nullable().meta({ description: "the asset's QC job, if one is queued" }),
    result: z
      .object({
        measuredAt: z.iso.datetime(),
        profile: z.object({ uuid: z.uuid(), name: z.string() }),
        verdict: verdict.nullable(),
        reasons: z.array(z.object({ severity: z.enum(["warn", "fail"]), message: z.string() })),
        integratedLufs: z.number().nullable().meta({ description: "integrated loudness, LUFS (EBU R128)" }),
        loudnessRangeLu: z.number().nullable().meta({ description: "loudness range, LU" }),
        truePeakDbtp: z.number().nullable().meta({ description: "maximum true peak, dBTP" }),
        events: z.array(z.object({ kind: z.enum(QC_EVENT_KINDS), startMs: z.number().int(), endMs: z.number().int() })),
        error: z.string().nullable().meta({ description: "why the file could not be checked" }),
      })
      .nullable()
      .meta({ description: "the latest QC result (of this or an earlier version of the file); null: never run" }),
  })
  .meta({ id: "AssetQc" });

export function qcViewJson(view: QcView): z.infer<typeof qcViewSchema> {
  return {
    ...view,
    result: view.result ? { ...view.result, measuredAt: view.result.measuredAt.toISOString() } : null,
  };
}

export const qcRequestReportSchema = z
  .object({
    requestUuid: z.uuid().meta({ description: "names the request in the audit log (qc.requested)" }),
    matched: z.number().int().meta({ description: "assets the selection matched" }),
    queued: z.number().int().meta({ description: "of those, the ones QC can read: queued, or already waiting" }),
  })
  .meta({ id: "QcRequestReport" });
