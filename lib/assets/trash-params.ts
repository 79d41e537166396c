import { z } from "zod";
import { ASSET_LIST_DEFAULTS, NO_ASSET_FILTER, assetListHref, type AssetFilter } from "@/lib/assets/list-params";
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

// The trash table's URL. Its filters are the asset filter's own (status=deleted plus search,
// deleted-by and deleted dates), so the rows shown and a bulk restore of "everything matching"
// are the same WHERE.

export const TRASH_SORTS = ["deleted", "file"] as const;
export type TrashSort = (typeof TRASH_SORTS)[number];

export interface TrashListQuery {
  q: string | undefined;
  deleted_by: string | undefined;
  deleted_from: string | undefined;
  deleted_to: string | undefined;
  sort: TrashSort;
  dir: SortDirection;
  per: PageSize;
  after: string | undefined;
  before: string | undefined;
}

export const TRASH_LIST_DEFAULTS: TrashListQuery = {
  q: undefined,
  deleted_by: undefined,
  deleted_from: undefined,
  deleted_to: undefined,
  sort: "deleted",
  dir: "desc",
  per: 50,
  after: undefined,
  before: undefined,
};

const cursor = z.string().regex(/^[A-Za-z0-9_-]{1,400}$/);
const day = z.iso.date();

const SPECS: Specs<TrashListQuery> = {
  q: { schema: z.string().trim().min(1).max(200), expected: "up to 200 characters" },
  deleted_by: {
    schema: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[^\s@,]{1,200}@[^\s@,]{1,200}$/),
    expected: "an email address",
  },
  deleted_from: { schema: day, expected: "a date such as 2026-01-31" },
  deleted_to: { schema: day, expected: "a date such as 2026-01-31" },
  sort: { schema: z.enum(TRASH_SORTS), expected: TRASH_SORTS.join(", ") },
  dir: { schema: z.enum(["asc", "desc"]), expected: "asc or desc" },
  per: { schema: pageSizeSchema, expected: PAGE_SIZES.join(", ") },
  after: { schema: cursor, expected: "a page cursor from the table's own links" },
  before: { schema: cursor, expected: "a page cursor from the table's own links" },
};

export function parseTrashListParams(raw: RawSearchParams) {
  return parseTableSearchParams(raw, SPECS, TRASH_LIST_DEFAULTS);
}

export function trashListHref(query: TrashListQuery, change: Partial<TrashListQuery> = {}): string {
  return `/trash${serializeSearchParams({ ...query, after: undefined, before: undefined, ...change }, TRASH_LIST_DEFAULTS)}`;
}

/** The trash view as the asset filter it is: what the table lists and a bulk restore covers. */
export function trashAssetFilter(query: TrashListQuery): AssetFilter {
  return {
    ...NO_ASSET_FILTER,
    status: "deleted",
    q: query.q,
    deleted_by: query.deleted_by,
    deleted_from: query.deleted_from,
    deleted_to: query.deleted_to,
  };
}

/** The same filter as the asset list's query string (`?status=deleted&…`), for a bulk selection. */
export function trashSelectionQuery(query: TrashListQuery): string {
  return assetListHref({ ...ASSET_LIST_DEFAULTS, ...trashAssetFilter(query) }).replace(/^\/assets/, "");
}
