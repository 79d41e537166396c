import { z } from "zod";
import { BULK_TRANSITIONS } from "@/lib/assets/transitions";
import { AUDIT_ACTIONS, type AuditAction } from "@/lib/audit/actions";
import { DATE_SPEC, tableParams, tableUrl, type PagingQuery, type Specs } from "@/lib/table/search-params";

// The audit log's URL, read by the same machinery as the other tables. Always in time order.

export interface AuditListQuery extends PagingQuery {
  /** The acting user's email, or `cli:<login>` for the command line (any case). */
  actor: string | undefined;
  action: AuditAction | undefined;
  /** The changed row's uuid (an asset, user, catalog entry or saved view). */
  target: string | undefined;
  batch: string | undefined;
  /** On or after / on or before these UTC dates (YYYY-MM-DD). */
  from: string | undefined;
  to: string | undefined;
}

const TABLE = tableParams();

export const AUDIT_LIST_DEFAULTS: AuditListQuery = {
  actor: undefined,
  action: undefined,
  target: undefined,
  batch: undefined,
  from: undefined,
  to: undefined,
  ...TABLE.defaults,
};

const uuid = z.string().trim().toLowerCase().pipe(z.uuid());

export const AUDIT_LIST_SPECS: Specs<AuditListQuery> = {
  actor: {
    schema: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[^\s,]{1,254}$/),
    expected: "an email address",
  },
  action: { schema: z.enum(AUDIT_ACTIONS), expected: `one of ${AUDIT_ACTIONS.join(", ")}` },
  target: { schema: uuid, expected: "a uuid" },
  batch: { schema: uuid, expected: "a batch uuid" },
  from: DATE_SPEC,
  to: DATE_SPEC,
  ...TABLE.specs,
};

export const { parse: parseAuditListParams, href: auditListHref } = tableUrl(
  "/audit",
  AUDIT_LIST_SPECS,
  AUDIT_LIST_DEFAULTS,
);

/** The audit actions of batches the desk can undo as a unit (lib/assets/undo.ts). */
export const UNDOABLE_ACTIONS: readonly AuditAction[] = [
  ...BULK_TRANSITIONS.map((transition) => `asset.${transition}` as const satisfies AuditAction),
  "catalog.replace_source",
  "asset.remapped",
];
