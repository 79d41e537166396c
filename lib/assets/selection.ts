import { z } from "zod";
import { parseAssetListParams, type AssetFilter } from "@/lib/assets/list-params";
import { MAX_SELECTED_UUIDS, type Selection } from "@/lib/assets/workflow";
import { KnownError } from "@/lib/errors";
import { pickProbeFilter } from "@/lib/assets/probe-filter-params";

// What a bulk request may carry: a bounded list of uuids (rows picked on a page), or the table's
// filter as its URL query string (everything matching, evaluated by the server). Never 100,000 ids.
export const selectionInputSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("uuids"), uuids: z.array(z.uuid()).min(1).max(MAX_SELECTED_UUIDS) }),
  z.strictObject({ kind: z.literal("filter"), query: z.string().max(2000) }),
]);
export type SelectionInput = z.infer<typeof selectionInputSchema>;

/** The selection the engine walks; a filter that cannot be read exactly is refused, never guessed. */
export function toSelection(input: SelectionInput): Selection {
  if (input.kind === "uuids") return input;
  const { query, notices } = parseAssetListParams(Object.fromEntries(new URLSearchParams(input.query)));
  if (notices.length > 0) throw new KnownError("invalid", `The filter could not be read: ${notices.join(" ")}`);
  const filter: AssetFilter = {
    status: query.status,
    q: query.q,
    provider: query.provider,
    container: query.container,
    vcodec: query.vcodec,
    acodec: query.acodec,
    dur_min: query.dur_min,
    dur_max: query.dur_max,
    size_min: query.size_min,
    size_max: query.size_max,
    from: query.from,
    to: query.to,
    unprobed: query.unprobed,
    dupes: query.dupes,
    episode: query.episode,
    issue: query.issue,
    qc: query.qc,
    deleted_by: query.deleted_by,
    deleted_from: query.deleted_from,
    deleted_to: query.deleted_to,
    tag: query.tag,
    notes: query.notes,
    ...pickProbeFilter(query),
  };
  return { kind: "filter", filter };
}
