// Every action name an audit event may carry; the audit page filters by these.
export const AUDIT_ACTIONS = [
  "asset.approve",
  "asset.revoke",
  "asset.promote",
  "asset.delete",
  "asset.restore",
  // The row is removed for good; the audit row keeps its uuid, file, hash, deletion and who purged it why.
  "asset.purge",
  "asset.update",
  // Editorial metadata (title, description, tags): one asset's edit, or a bulk tag change (one batch).
  "asset.metadata",
  // A note of an asset's thread written or edited (target: the note; its asset in `after`).
  "asset.note",
  "asset.withdraw",
  "asset.link_episode",
  "asset.unlink_episode",
  // Written by scans and imports (the actor is who started the run).
  "asset.discover",
  "asset.content_change",
  "asset.missing",
  "asset.found",
  // Identity (docs/architecture.md): the same asset at a new path — found by a scan (by content or
  // provider key) or a resolved possible move; a source's paths re-mapped (one batch, undoable); the
  // newly found duplicate removed when a possible move is resolved into the missing asset.
  "asset.moved",
  "asset.remapped",
  "asset.merged",
  // "Probe again": one row per asset, before and after (hash, probe error, the full probe's figures).
  "asset.reprobe",
  // A bulk "probe again" or the full-probe backfill started (one row per probe run).
  "probe.requested",
  // A catalog entry's title or tags edited; its source asset replaced by another (a batch, undoable).
  "catalog.edit",
  "catalog.replace_source",
  "user.create",
  "user.role",
  "user.disable",
  "user.enable",
  "user.password_reset",
  "user.sessions_end",
  "view.save",
  "view.delete",
  "source.create",
  "source.update",
  "source.delete",
  "scan.start",
  // A bulk request for thumbnails (one row per request, with the count and the selection).
  "thumbnails.requested",
  // Desk settings (lib/assets/retention.ts): the trash's retention in days, or off.
  "settings.trash_retention",
  // QC: a request to check assets (one row per request), and the admin's profiles.
  "qc.requested",
  "qc_profile.create",
  "qc_profile.update",
  "qc_profile.default",
  "qc_profile.delete",
  "token.create",
  "token.revoke",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
