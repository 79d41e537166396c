import {
  ASSET_LIST_DEFAULTS,
  ASSET_LIST_SPECS,
  NO_ASSET_FILTER,
  assetListSearch,
  type AssetFilter,
} from "@/lib/assets/list-params";
import { tableParams, tableUrl, type SortedQuery, type Specs } from "@/lib/table/search-params";

// The trash table's URL. Its filters are the asset filter's own (status=deleted plus search,
// deleted-by and deleted dates), so the rows shown and a bulk restore of "everything matching"
// are the same WHERE.

export const TRASH_SORTS = ["deleted", "file"] as const;
export type TrashSort = (typeof TRASH_SORTS)[number];

export interface TrashListQuery
  extends Pick<AssetFilter, "q" | "deleted_by" | "deleted_from" | "deleted_to">, SortedQuery<TrashSort> {}

const TABLE = tableParams({ sorts: TRASH_SORTS, sort: "deleted" });

export const TRASH_LIST_DEFAULTS: TrashListQuery = {
  q: undefined,
  deleted_by: undefined,
  deleted_from: undefined,
  deleted_to: undefined,
  ...TABLE.defaults,
};

// The filters are read exactly as the asset list reads them.
const SPECS: Specs<TrashListQuery> = {
  q: ASSET_LIST_SPECS.q,
  deleted_by: ASSET_LIST_SPECS.deleted_by,
  deleted_from: ASSET_LIST_SPECS.deleted_from,
  deleted_to: ASSET_LIST_SPECS.deleted_to,
  ...TABLE.specs,
};

export const {
  parse: parseTrashListParams,
  href: trashListHref,
  search: trashListSearch,
} = tableUrl("/trash", SPECS, TRASH_LIST_DEFAULTS);

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
  return assetListSearch({ ...ASSET_LIST_DEFAULTS, ...trashAssetFilter(query) });
}
