import { TAGS_MAX } from "@/lib/assets/tags";

// The workflow's transitions and the reasons one may be refused, in an editor's words. Plain data
// (no server imports), so the browser can show them; the rules themselves are in rules.ts.

export const TRANSITIONS = ["approve", "revoke", "promote", "withdraw", "delete", "restore", "purge"] as const;
export type Transition = (typeof TRANSITIONS)[number];

// The transitions the assets table and the API offer in bulk, each with the transition that undoes
// its batch from the audit log: every bulk change can be undone, and only a bulk change has a batch
// to undo. (The trash restores in bulk too, with no undo: a restore is itself the undo of a delete; and it purges,
// which nothing undoes: the row is gone, its tombstone stays in the audit log.)
// Plain data like the rest of this file, since the bulk bar and the audit table read it too.
const INVERSE = { approve: "revoke", promote: "withdraw", delete: "restore" } as const satisfies Partial<
  Record<Transition, Transition>
>;
export type BulkTransition = keyof typeof INVERSE;
export const BULK_TRANSITIONS = Object.keys(INVERSE) as BulkTransition[];

/** What the API takes in bulk: the undoable transitions, and the trash's restore and purge. */
export const API_BULK_TRANSITIONS = [...BULK_TRANSITIONS, "restore", "purge"] as const;
export type ApiBulkTransition = (typeof API_BULK_TRANSITIONS)[number];

/** The transition that undoes a bulk batch of `transition`; undefined when such a batch cannot be undone. */
export function inverseOf(transition: Transition): Transition | undefined {
  return (INVERSE as Partial<Record<Transition, Transition>>)[transition];
}

export const REASONS = {
  deleted: "It is deleted; restore it first.",
  already_approved: "It is already approved.",
  missing_duration: "It has no duration yet: probe the file first.",
  failing_probe:
    "Its probe data is incomplete or ffprobe could not read the file (no container, no codec, or a probe error); probe the file again.",
  qc_failed: "It failed QC; approve it with an override and a reason, or fix the file and run QC again.",
  not_approved: "It is not approved; approve it first.",
  promoted: "It is in the broadcast catalog; withdraw it from the catalog first.",
  already_promoted: "It is already in the catalog.",
  not_promoted: "It is not in the catalog.",
  already_deleted: "It is already deleted.",
  not_deleted: "It is not deleted.",
  path_taken: "Its former path now belongs to another asset.",
  // Editorial metadata (rules.ts, metadataRefusal) and bulk tags.
  approved_editors_only: "It is approved; only editors and admins can change an approved asset.",
  too_many_tags: `It would have more than ${TAGS_MAX} tags.`,
  not_allowed: "You are not allowed to do this.",
} as const;
export type Reason = keyof typeof REASONS;
