import type { Role } from "@/lib/generated/prisma/client";

// The one table of who may do what. Every check in actions, routes, pages and the CLI reads it,
// and the README shows the same table.
export const ROLES = ["operator", "editor", "admin"] as const satisfies readonly Role[];

export const CAPABILITIES = {
  "assets.read": {
    roles: ["operator", "editor", "admin"],
    label:
      "browse, filter, open assets, preview media, read catalog, read and write notes (an author edits their own for 15 minutes)",
  },
  "assets.edit": {
    roles: ["operator", "editor", "admin"],
    label:
      "start scans and imports, edit metadata and file paths of non-approved assets, and their title, description and tags (single and bulk)",
  },
  "assets.reprobe": {
    roles: ["operator", "editor", "admin"],
    label: "probe again: re-read (hash and full probe) one asset's file, a selection, or start the backfill",
  },
  "assets.approve": {
    roles: ["editor", "admin"],
    label:
      "approve / revoke approval (single and bulk), promote to catalog, edit title, description and tags of approved and promoted assets",
  },
  "assets.delete": { roles: ["editor", "admin"], label: "soft-delete assets" },
  "catalog.edit": {
    roles: ["editor", "admin"],
    label: "edit a catalog entry's title and tags, replace its source asset (and undo that)",
  },
  "assets.resolve_move": {
    roles: ["editor", "admin"],
    label: "resolve a possible move: a newly found file is the missing asset with the same bytes",
  },
  "qc.run": { roles: ["operator", "editor", "admin"], label: "run QC on one asset" },
  "qc.bulk": { roles: ["editor", "admin"], label: "run QC in bulk (a filter or a selection)" },
  "qc.profiles": { roles: ["admin"], label: "manage QC profiles (thresholds, the default)" },
  "trash.manage": {
    roles: ["admin"],
    label: "see trash, restore and purge deleted assets, set automatic purge, read the global audit log",
  },
  "admin.manage": { roles: ["admin"], label: "manage users, sources and API tokens" },
  "sources.remap": { roles: ["admin"], label: "re-map a source's paths (a share mounted elsewhere) and undo a re-map" },
} as const satisfies Record<string, { roles: readonly Role[]; label: string }>;

export type Capability = keyof typeof CAPABILITIES;

export function can(role: Role | null | undefined, capability: Capability): boolean {
  return role ? (CAPABILITIES[capability].roles as readonly Role[]).includes(role) : false;
}
