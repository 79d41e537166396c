import { z } from "zod";
import { CATALOG_HEALTH, type CatalogHealth } from "@/lib/catalog/health";
import { SEARCH_SPEC, csv, tableParams, tableUrl, type SortedQuery, type Specs } from "@/lib/table/search-params";

// The catalog table's URL, read by the same machinery as the asset table's.

export const CATALOG_SORTS = ["promoted", "title", "duration"] as const;
export type CatalogSort = (typeof CATALOG_SORTS)[number];

export interface CatalogListQuery extends SortedQuery<CatalogSort> {
  q: string | undefined;
  tag: string[] | undefined;
  /** Entries with this health problem; "any" for all of them (see lib/catalog/health.ts). */
  health: CatalogHealth | "any" | undefined;
}

const TABLE = tableParams({ sorts: CATALOG_SORTS, sort: "promoted" });

export const CATALOG_LIST_DEFAULTS: CatalogListQuery = {
  q: undefined,
  tag: undefined,
  health: undefined,
  ...TABLE.defaults,
};

const HEALTH_VALUES = ["any", ...CATALOG_HEALTH] as const;

export const CATALOG_LIST_SPECS: Specs<CatalogListQuery> = {
  q: SEARCH_SPEC,
  tag: { schema: csv(z.string().regex(/^[\w .-]{1,50}$/)), expected: "a comma-separated list of tags" },
  health: { schema: z.enum(HEALTH_VALUES), expected: HEALTH_VALUES.join(", ") },
  ...TABLE.specs,
};

export const {
  parse: parseCatalogListParams,
  href: catalogListHref,
  search: catalogListSearch,
} = tableUrl("/catalog", CATALOG_LIST_SPECS, CATALOG_LIST_DEFAULTS);
