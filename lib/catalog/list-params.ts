import { z } from "zod";
import {
  PAGE_SIZES,
  csv,
  pageSizeSchema,
  parseTableSearchParams,
  serializeSearchParams,
  type PageSize,
  type RawSearchParams,
  type SortDirection,
  type Specs,
} from "@/lib/table/search-params";

// The catalog table's URL, read by the same machinery as the asset table's.

export const CATALOG_SORTS = ["promoted", "title", "duration"] as const;
export type CatalogSort = (typeof CATALOG_SORTS)[number];

export interface CatalogListQuery {
  q: string | undefined;
  tag: string[] | undefined;
  sort: CatalogSort;
  dir: SortDirection;
  per: PageSize;
  after: string | undefined;
  before: string | undefined;
}

export const CATALOG_LIST_DEFAULTS: CatalogListQuery = {
  q: undefined,
  tag: undefined,
  sort: "promoted",
  dir: "desc",
  per: 50,
  after: undefined,
  before: undefined,
};

const cursor = z.string().regex(/^[A-Za-z0-9_-]{1,400}$/);

export const CATALOG_LIST_SPECS: Specs<CatalogListQuery> = {
  q: { schema: z.string().trim().min(1).max(200), expected: "up to 200 characters" },
  tag: { schema: csv(z.string().regex(/^[\w .-]{1,50}$/)), expected: "a comma-separated list of tags" },
  sort: { schema: z.enum(CATALOG_SORTS), expected: CATALOG_SORTS.join(", ") },
  dir: { schema: z.enum(["asc", "desc"]), expected: "asc or desc" },
  per: { schema: pageSizeSchema, expected: PAGE_SIZES.join(", ") },
  after: { schema: cursor, expected: "a page cursor from the table's own links" },
  before: { schema: cursor, expected: "a page cursor from the table's own links" },
};

export function parseCatalogListParams(raw: RawSearchParams) {
  return parseTableSearchParams(raw, CATALOG_LIST_SPECS, CATALOG_LIST_DEFAULTS);
}

export function catalogListHref(query: CatalogListQuery, change: Partial<CatalogListQuery> = {}): string {
  return `/catalog${serializeSearchParams({ ...query, after: undefined, before: undefined, ...change }, CATALOG_LIST_DEFAULTS)}`;
}
