import { z } from "zod";
import { ASSET_STATUSES } from "@/lib/assets/status";
import { seesDeletedAssets } from "@/lib/assets/visibility";
import type { Role } from "@/lib/generated/prisma/client";
import { KnownError } from "@/lib/errors";
import {
  DATE_SPEC,
  SEARCH_SPEC,
  csv,
  tableParams,
  tableUrl,
  type SortedQuery,
  type Specs,
} from "@/lib/table/search-params";
import { tagSchema } from "@/lib/assets/tags";
import { NO_PROBE_FILTER, PROBE_FILTER_SPECS, type ProbeFilter } from "@/lib/assets/probe-filter-params";

// The asset table's URL: every filter, the sort, the page size and the cursor.

export const ASSET_TABS = ["all", ...ASSET_STATUSES] as const;
export type AssetTab = (typeof ASSET_TABS)[number];

/** The tabs a role may list: deleted assets are the trash's business (admins). */
export function assetTabsFor(role: Role): readonly AssetTab[] {
  return seesDeletedAssets(role) ? ASSET_TABS : ASSET_TABS.filter((tab) => tab !== "deleted");
}

/** For the API and exports, which answer a forbidden tab with 403 rather than leaving it out. */
export function assertCanListTab(role: Role, tab: AssetTab): void {
  if (!assetTabsFor(role).includes(tab)) throw new KnownError("forbidden", "Your role cannot list deleted assets.");
}
export const PROVIDERS = ["plex", "jellyfin", "filesystem", "manual"] as const;
export const ASSET_SORTS = ["discovered", "size", "duration", "uri", "container", "loudness"] as const;
export type AssetSort = (typeof ASSET_SORTS)[number];
/** Problems a library scan records on an asset: the file is gone, or ffprobe or hashing failed. */
export const ASSET_ISSUES = ["missing", "probe_failed"] as const;
export type AssetIssue = (typeof ASSET_ISSUES)[number];
export const ASSET_ISSUE_LABELS: Record<AssetIssue, string> = { missing: "file missing", probe_failed: "probe failed" };
/** The QC verdict of the current file (docs/qc.md); not_checked: no result for it. */
export const QC_FILTERS = ["pass", "warn", "fail", "not_checked"] as const;
export type QcFilter = (typeof QC_FILTERS)[number];
export const QC_FILTER_LABELS: Record<QcFilter, string> = {
  pass: "QC passed",
  warn: "QC warning",
  fail: "QC failed",
  not_checked: "QC not checked",
};

export interface AssetListQuery extends SortedQuery<AssetSort>, ProbeFilter {
  status: AssetTab;
  q: string | undefined;
  provider: Array<(typeof PROVIDERS)[number]> | undefined;
  container: string[] | undefined;
  vcodec: string[] | undefined;
  acodec: string[] | undefined;
  /** Seconds. */
  dur_min: number | undefined;
  dur_max: number | undefined;
  /** MiB. */
  size_min: number | undefined;
  size_max: number | undefined;
  /** Discovered on or after / on or before these UTC dates (YYYY-MM-DD). */
  from: string | undefined;
  to: string | undefined;
  unprobed: "1" | undefined;
  dupes: "1" | undefined;
  episode: "linked" | "unlinked" | undefined;
  issue: AssetIssue | undefined;
  qc: QcFilter | undefined;
  /** Soft-deleted by the user with this email (any case), and on or after / on or before these UTC dates. */
  deleted_by: string | undefined;
  deleted_from: string | undefined;
  deleted_to: string | undefined;
  /** Any of these editorial tags (normalised as tags.ts normalises them). */
  tag: string[] | undefined;
  /** Only assets with at least one note. */
  notes: "1" | undefined;
}

/** Every asset that is not deleted: no filter set. */
export const NO_ASSET_FILTER: AssetFilter = {
  status: "all",
  q: undefined,
  provider: undefined,
  container: undefined,
  vcodec: undefined,
  acodec: undefined,
  dur_min: undefined,
  dur_max: undefined,
  size_min: undefined,
  size_max: undefined,
  from: undefined,
  to: undefined,
  unprobed: undefined,
  dupes: undefined,
  episode: undefined,
  issue: undefined,
  qc: undefined,
  deleted_by: undefined,
  deleted_from: undefined,
  deleted_to: undefined,
  tag: undefined,
  notes: undefined,
  ...NO_PROBE_FILTER,
};

const TABLE = tableParams({ sorts: ASSET_SORTS, sort: "discovered" });

export const ASSET_LIST_DEFAULTS: AssetListQuery = { ...NO_ASSET_FILTER, ...TABLE.defaults };

const codec = z.string().regex(/^[a-z0-9_.-]{1,50}$/);
// Range-checked against the columns they are compared with: duration_ms is an integer (at most
// 2,147,483,647 ms, so 2,147,483 s), size a bigint (1e9 MiB, a petabyte, is far inside it).
const seconds = z.coerce
  .number()
  .finite()
  .min(0)
  .max(Math.floor(2_147_483_647 / 1000));
const mebibytes = z.coerce.number().finite().min(0).max(1e9);

export const ASSET_LIST_SPECS: Specs<AssetListQuery> = {
  status: { schema: z.enum(ASSET_TABS), expected: ASSET_TABS.join(", ") },
  q: SEARCH_SPEC,
  provider: { schema: csv(z.enum(PROVIDERS)), expected: `a comma-separated list of ${PROVIDERS.join(", ")}` },
  container: { schema: csv(codec), expected: "a comma-separated list of container names such as mkv,mp4" },
  vcodec: { schema: csv(codec), expected: "a comma-separated list of codec names such as h264,hevc" },
  acodec: { schema: csv(codec), expected: "a comma-separated list of codec names such as aac,ac3" },
  dur_min: { schema: seconds, expected: "a number of seconds up to 2147483" },
  dur_max: { schema: seconds, expected: "a number of seconds up to 2147483" },
  size_min: { schema: mebibytes, expected: "a number of MiB up to 1000000000" },
  size_max: { schema: mebibytes, expected: "a number of MiB up to 1000000000" },
  from: DATE_SPEC,
  to: DATE_SPEC,
  unprobed: { schema: z.literal("1"), expected: "1" },
  dupes: { schema: z.literal("1"), expected: "1" },
  episode: { schema: z.enum(["linked", "unlinked"]), expected: "linked or unlinked" },
  issue: { schema: z.enum(ASSET_ISSUES), expected: ASSET_ISSUES.join(" or ") },
  qc: { schema: z.enum(QC_FILTERS), expected: QC_FILTERS.join(", ") },
  deleted_by: {
    schema: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[^\s@,]{1,200}@[^\s@,]{1,200}$/),
    expected: "an email address",
  },
  deleted_from: DATE_SPEC,
  deleted_to: DATE_SPEC,
  tag: { schema: csv(tagSchema), expected: "a comma-separated list of tags" },
  notes: { schema: z.literal("1"), expected: "1" },
  ...PROBE_FILTER_SPECS,
  ...TABLE.specs,
};

/** `assetListHref(query, change)` is `/assets?…` for the view moved by `change`; `assetListSearch` the same without the path. */
export const {
  parse: parseAssetListParams,
  href: assetListHref,
  search: assetListSearch,
} = tableUrl("/assets", ASSET_LIST_SPECS, ASSET_LIST_DEFAULTS);

/** The filters alone (no sort, paging or status): what a selection or a bulk action applies to. */
export type AssetFilter = Omit<AssetListQuery, keyof SortedQuery<AssetSort>>;
