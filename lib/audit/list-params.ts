import { z } from "zod";
import { BULK_TRANSITIONS } from "@/lib/assets/transitions";
import { AUDIT_ACTIONS, type AuditAction } from "@/lib/audit/actions";
import {
  PAGE_SIZES,
  pageSizeSchema,
  parseTableSearchParams,
  serializeSearchParams,
  type PageSize,
  type RawSearchParams,
  type SortDirection,
  type Specs,
} from "@/lib/table/search-params";

// The audit log's URL, read by the same machinery as the other tables. Always in time order.

export interface AuditListQuery {
  /** The acting user's email, or `cli:<login>` for the command line (any case). */
  actor: string | undefined;
  action: AuditAction | undefined;
  /** The changed row's uuid (an asset, user, catalog entry or saved view). */
  target: string | undefined;
  batch: string | undefined;
  /** On or after / on or before these UTC dates (YYYY-MM-DD). */
  from: string | undefined;
  to: string | undefined;
  dir: SortDirection;
  per: PageSize;
  after: string | undefined;
  before: string | undefined;
}

export const AUDIT_LIST_DEFAULTS: AuditListQuery = {
  actor: undefined,
  action: undefined,
  target: undefined,
  batch: undefined,
  from: undefined,
  to: undefined,
  dir: "desc",
  per: 50,
  after: undefined,
  before: undefined,
};

const cursor = z.string().regex(/^[A-Za-z0-9_-]{1,400}$/);
const uuid = z.string().trim().toLowerCase().pipe(z.uuid());
const day = z.iso.date();

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
  from: { schema: day, expected: "a date such as 2026-01-31" },
  to: { schema: day, expected: "a date such as 2026-01-31" },
  dir: { schema: z.enum(["asc", "desc"]), expected: "asc or desc" },
  per: { schema: pageSizeSchema, expected: PAGE_SIZES.join(", ") },
  after: { schema: cursor, expected: "a page cursor from the table's own links" },
  before: { schema: cursor, expected: "a page cursor from the table's own links" },
};

export function parseAuditListParams(raw: RawSearchParams) {
  return parseTableSearchParams(raw, AUDIT_LIST_SPECS, AUDIT_LIST_DEFAULTS);
}

export function auditListHref(query: AuditListQuery, change: Partial<AuditListQuery> = {}): string {
  return `/audit${serializeSearchParams({ ...query, after: undefined, before: undefined, ...change }, AUDIT_LIST_DEFAULTS)}`;
}

/** The audit actions of bulk changes the desk can undo as a unit (lib/assets/undo.ts). */
export const UNDOABLE_ACTIONS: readonly AuditAction[] = BULK_TRANSITIONS.map(
  (transition) => `asset.${transition}` as const satisfies AuditAction,
);
