import { z } from "zod";
import { ASSET_LIST_DEFAULTS, ASSET_LIST_SPECS, type AssetListQuery } from "@/lib/assets/list-params";
import {
  csv,
  parseSearchParams,
  serializeSearchParams,
  type RawSearchParams,
  type Specs,
} from "@/lib/table/search-params";

// The CSV export's URL: the asset table's filters and sort, and the table's columns to write. No
// paging: an export is every matching row, so `per`, `after` and `before` are unknown here (a 400
// from the API) rather than silently dropped. Pure, so the table's Export link is built with it too.

/** The asset table's column ids an export can carry, in the table's order (uuid is always written first). */
export const EXPORT_COLUMNS = [
  "uri",
  "status",
  "duration",
  "size",
  "container",
  "video",
  "audio",
  "streams",
  "providers",
  "episode",
  "discovered",
  "hash",
  "qc",
  "loudness",
  "title",
  "tags",
  "notes",
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

type Paging = "per" | "after" | "before";
export type AssetExportQuery = Omit<AssetListQuery, Paging> & { columns: ExportColumn[] };

const PAGING: ReadonlySet<string> = new Set(["per", "after", "before"] satisfies Paging[]);

function withoutPaging<T extends Record<Paging, unknown>>(value: T): Omit<T, Paging> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !PAGING.has(key))) as Omit<T, Paging>;
}

export const ASSET_EXPORT_DEFAULTS: AssetExportQuery = {
  ...withoutPaging(ASSET_LIST_DEFAULTS),
  columns: [...EXPORT_COLUMNS],
};

export const ASSET_EXPORT_SPECS: Specs<AssetExportQuery> = {
  ...withoutPaging(ASSET_LIST_SPECS),
  columns: { schema: csv(z.enum(EXPORT_COLUMNS)), expected: `a comma-separated list of ${EXPORT_COLUMNS.join(", ")}` },
};

export function parseAssetExportParams(raw: RawSearchParams) {
  return parseSearchParams(raw, ASSET_EXPORT_SPECS, ASSET_EXPORT_DEFAULTS);
}

/** The export of the table's current view: its filters and sort, and those of `columnIds` that can be exported. */
export function assetExportHref(query: AssetListQuery, columnIds: string[]): string {
  const columns = columnIds.filter((id): id is ExportColumn => (EXPORT_COLUMNS as readonly string[]).includes(id));
  return `/api/v1/assets/export.csv${serializeSearchParams({ ...withoutPaging(query), columns }, ASSET_EXPORT_DEFAULTS)}`;
}
