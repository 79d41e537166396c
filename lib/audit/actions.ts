// Every action name an audit event may carry; the audit page filters by these.
export const AUDIT_ACTIONS = [
  "asset.approve",
  "asset.revoke",
  "asset.promote",
  "asset.delete",
  "asset.restore",
  "asset.update",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
