import { z } from "zod";
import { Prisma, type Role } from "@/lib/generated/prisma/client";
import { deletedAssetSql, liveAssetSql } from "@/lib/assets/scope";
import { missingFormatSql, promotedSql } from "@/lib/assets/sql";
import { REASONS, type Reason, type Transition } from "@/lib/assets/transitions";
import { can, type Capability } from "@/lib/auth/permissions";
import type { AuditAction } from "@/lib/audit/actions";
import type { Viewer } from "@/lib/assets/visibility";
import { KnownError } from "@/lib/errors";

// The workflow's rules, one place: for each transition, why an asset (row `a` of `assets`) may not
// take it — as SQL, so a single change, a bulk change over 100,000 rows and the pre-flight summary
// all evaluate the very same rule. NULL means "eligible".
//
// Decisions the domain document leaves open (README, "Workflow rules"):
// - A promoted asset stays approved and cannot be deleted: withdraw it from the catalog first, so
//   nothing the schedule may play is revoked or deleted underneath it.
// - Approval needs probe data (a duration, a container and at least one codec) and no probe error.
// - Approving an asset whose QC failed (docs/qc.md) needs an override with a reason, which the
//   audit row records; warn and "not checked" do not hold approval back (the pre-flight counts them).
// - Promoting an asset that is already in the catalog, approving an approved one and the like are
//   no-ops, not errors.

// A probe error means ffprobe could not read the file now at `uri`: figures typed in by hand do not vouch for it.
const unprobed = Prisma.sql`(a.probe_error IS NOT NULL OR ${missingFormatSql})`;

/** The asset's current file failed QC. */
export const qcFailedSql = Prisma.sql`a.qc_verdict = 'fail'`;

interface Rule {
  capability: Capability;
  action: AuditAction;
  /** Why not, as SQL over `a`; NULL when the transition applies. */
  reason: Prisma.Sql;
  /** The reasons a bulk summary lists as "already done" rather than "skipped". */
  alreadyDone: Reason[];
}

export const RULES: Record<Transition, Rule> = {
  approve: {
    capability: "assets.approve",
    action: "asset.approve",
    reason: Prisma.sql`CASE WHEN ${deletedAssetSql} THEN 'deleted' WHEN a.canonical THEN 'already_approved'
      WHEN a.duration_ms IS NULL THEN 'missing_duration' WHEN ${unprobed} THEN 'failing_probe' WHEN ${qcFailedSql} THEN 'qc_failed' END`,
    alreadyDone: ["already_approved"],
  },
  revoke: {
    capability: "assets.approve",
    action: "asset.revoke",
    reason: Prisma.sql`CASE WHEN ${deletedAssetSql} THEN 'deleted' WHEN NOT a.canonical THEN 'not_approved' WHEN ${promotedSql} THEN 'promoted' END`,
    alreadyDone: ["not_approved"],
  },
  promote: {
    capability: "assets.approve",
    action: "asset.promote",
    reason: Prisma.sql`CASE WHEN ${deletedAssetSql} THEN 'deleted' WHEN ${promotedSql} THEN 'already_promoted' WHEN NOT a.canonical THEN 'not_approved'
      WHEN a.duration_ms IS NULL THEN 'missing_duration' END`,
    alreadyDone: ["already_promoted"],
  },
  withdraw: {
    capability: "assets.approve",
    action: "asset.withdraw",
    reason: Prisma.sql`CASE WHEN NOT ${promotedSql} THEN 'not_promoted' END`,
    alreadyDone: ["not_promoted"],
  },
  delete: {
    capability: "assets.delete",
    action: "asset.delete",
    reason: Prisma.sql`CASE WHEN ${deletedAssetSql} THEN 'already_deleted' WHEN ${promotedSql} THEN 'promoted' END`,
    alreadyDone: ["already_deleted"],
  },
  restore: {
    capability: "trash.manage",
    action: "asset.restore",
    reason: Prisma.sql`CASE WHEN ${liveAssetSql} THEN 'not_deleted' END`,
    alreadyDone: ["not_deleted"],
  },
  // Only from the trash: a live asset is refused (delete it first), never "already done".
  purge: {
    capability: "trash.manage",
    action: "asset.purge",
    reason: Prisma.sql`CASE WHEN ${liveAssetSql} THEN 'not_deleted' END`,
    alreadyDone: [],
  },
};

/** Why not, as SQL over `a`, for this change: an approval with a QC override does not count a failed QC. */
export function refusalSql(transition: Transition, options: { qcOverride?: string | null }): Prisma.Sql {
  const { reason } = RULES[transition];
  return transition === "approve" && options.qcOverride ? Prisma.sql`NULLIF(${reason}, 'qc_failed')` : reason;
}

/** The reason an approval over a failed QC must carry (form, bulk and API alike). */
export const qcOverrideSchema = z
  .string()
  .trim()
  .min(3, "Say why the asset may be approved although it failed QC.")
  .max(500, "Keep the reason under 500 characters.");

/**
 * Who may edit an asset in its state, asked by the detail page (to show the form) and by the edit
 * itself: operators edit what is not approved yet, an approved asset is an editor's, and promoted
 * and deleted assets are not edited. Null when this role may; else the refusal, in an editor's words.
 */
export function editRefusal(
  role: Role,
  asset: { isDeleted: boolean; promoted: boolean; canonical: boolean },
): KnownError | null {
  if (asset.isDeleted) return new KnownError("conflict", REASONS.deleted);
  if (asset.promoted)
    return new KnownError(
      "conflict",
      "It is in the broadcast catalog, which holds its own copy of these details; withdraw it from the catalog before editing.",
    );
  if (asset.canonical && !can(role, "assets.approve"))
    return new KnownError("forbidden", "It is approved; only editors and admins can change an approved asset.");
  if (!can(role, "assets.edit")) return new KnownError("forbidden", "You are not allowed to do this.");
  return null;
}

/**
 * Who may change an asset's editorial metadata (title, description, tags), asked by the detail page,
 * the edit and, as SQL, the bulk tag change: operators on assets not approved yet, editors and
 * admins on any live asset — approved and promoted ones included, since these fields are not the
 * content (approval stays) and a catalog entry keeps its own title and tags. Deleted assets are not
 * edited. Null when this role may; else the refusal, in an editor's words.
 */
export function metadataRefusal(viewer: Viewer, asset: { isDeleted: boolean; canonical: boolean }): KnownError | null {
  if (asset.isDeleted) return new KnownError("conflict", REASONS.deleted);
  if (!editsMetadata(viewer)) return new KnownError("forbidden", REASONS.not_allowed);
  if (asset.canonical && !editsApprovedMetadata(viewer))
    return new KnownError("forbidden", REASONS.approved_editors_only);
  return null;
}

/** The same rule as SQL over `a`, for a bulk change by this viewer: the reason, or NULL when it may. */
export function metadataRefusalSql(viewer: Viewer): Prisma.Sql {
  if (!editsMetadata(viewer)) return Prisma.sql`'not_allowed'`;
  const approved = editsApprovedMetadata(viewer)
    ? Prisma.empty
    : Prisma.sql` WHEN a.canonical THEN 'approved_editors_only'`;
  return Prisma.sql`CASE WHEN ${deletedAssetSql} THEN 'deleted'${approved} END`;
}

// The command line (`server`) acts as an admin would.
const editsMetadata = (viewer: Viewer) => viewer === "server" || can(viewer, "assets.edit");
const editsApprovedMetadata = (viewer: Viewer) => viewer === "server" || can(viewer, "assets.approve");

/** How long a note's author may still edit it. */
export const NOTE_EDIT_WINDOW_MS = 15 * 60 * 1000;

/**
 * Who may edit a note, asked by the thread (to offer "Edit") and by the edit itself: its author,
 * within NOTE_EDIT_WINDOW_MS of writing it. Null when this user may; else the refusal.
 */
export function noteEditRefusal(
  actorUuid: string | null,
  note: { authorUuid: string | null; createdAt: Date },
  now: Date = new Date(),
): KnownError | null {
  if (actorUuid === null || note.authorUuid !== actorUuid)
    return new KnownError("forbidden", "Only its author can edit a note.");
  if (now.getTime() - note.createdAt.getTime() > NOTE_EDIT_WINDOW_MS)
    return new KnownError(
      "conflict",
      `A note can be edited for ${NOTE_EDIT_WINDOW_MS / 60_000} minutes after it is written; write a new one instead.`,
    );
  return null;
}
