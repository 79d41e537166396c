// Every action name an audit event may carry; the audit page filters by these.
export const AUDIT_ACTIONS = [
  "asset.approve",
  "asset.revoke",
  "asset.promote",
  "asset.delete",
  "asset.restore",
  "asset.update",
  "asset.withdraw",
  "asset.link_episode",
  "asset.unlink_episode",
  "user.create",
  "user.role",
  "user.disable",
  "user.enable",
  "user.password_reset",
  "view.save",
  "view.delete",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
