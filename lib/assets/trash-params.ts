import {
  ASSET_LIST_DEFAULTS,
  ASSET_LIST_SPECS,
  NO_ASSET_FILTER,
  assetListSearch,
  type AssetFilter,
} from "@/lib/assets/list-params";
import { z } from "zod";
import { tableParams, tableUrl, type SortedQuery, type Specs } from "@/lib/table/search-params";

// The trash table's URL. Its filters are the asset filter's own (status=deleted plus search,
// deleted-by and deleted dates), so the rows shown and a bulk restore of "everything matching"
// are the same WHERE.

export const TRASH_SORTS = ["deleted", "file"] as const;
export type TrashSort = (typeof TRASH_SORTS)[number];

export interface TrashListQuery
  extends Pick<AssetFilter, "q" | "deleted_by" | "deleted_from" | "deleted_to">, SortedQuery<TrashSort> {
  /** Deleted more than this many days ago (whole UTC days, see deletedBefore). */
  older_than: number | undefined;
}

const TABLE = tableParams({ sorts: TRASH_SORTS, sort: "deleted" });

export const TRASH_LIST_DEFAULTS: TrashListQuery = {
  q: undefined,
  deleted_by: undefined,
  deleted_from: undefined,
  deleted_to: undefined,
  older_than: undefined,
  ...TABLE.defaults,
};

// The filters are read exactly as the asset list reads them.
const SPECS: Specs<TrashListQuery> = {
  q: ASSET_LIST_SPECS.q,
  deleted_by: ASSET_LIST_SPECS.deleted_by,
  deleted_from: ASSET_LIST_SPECS.deleted_from,
  deleted_to: ASSET_LIST_SPECS.deleted_to,
  older_than: {
    schema: z.coerce.number().int().min(1).max(36_500),
    expected: "a whole number of days from 1 to 36500",
  },
  ...TABLE.specs,
};

export const {
  parse: parseTrashListParams,
  href: trashListHref,
  search: trashListSearch,
} = tableUrl("/trash", SPECS, TRASH_LIST_DEFAULTS);

/**
 * "Deleted more than `days` days ago" as the last day of `deleted_to` (a UTC date): deleted before
 * the start of the UTC day `days` days ago, so the trash table, its pre-flight, the purge and the
 * retention job count whole days alike, whenever in the day they run.
 */
export function deletedBefore(days: number, now = new Date()): string {
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (days + 1) * 86_400_000;
  return new Date(day).toISOString().slice(0, 10);
}

/** The trash view as the asset filter it is: what the table lists and a bulk restore or purge covers. */
export function trashAssetFilter(query: TrashListQuery, now = new Date()): AssetFilter {
  const older = query.older_than === undefined ? undefined : deletedBefore(query.older_than, now);
  return {
    ...NO_ASSET_FILTER,
    status: "deleted",
    q: query.q,
    deleted_by: query.deleted_by,
    deleted_from: query.deleted_from,
    // ISO dates compare as strings: the earlier bound wins.
    deleted_to: older && (!query.deleted_to || older < query.deleted_to) ? older : query.deleted_to,
  };
}

/** The same filter as the asset list's query string (`?status=deleted&…`), for a bulk selection. */
export function trashSelectionQuery(query: TrashListQuery): string {
  return assetListSearch({ ...ASSET_LIST_DEFAULTS, ...trashAssetFilter(query) });
}
