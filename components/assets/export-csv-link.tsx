import { assetExportHref } from "@/lib/assets/export-params";
import type { AssetListQuery } from "@/lib/assets/list-params";

/** Downloads the table's current view as CSV: every matching asset (not just this page), the columns shown. */
export function ExportCsvLink({ query, columns }: { query: AssetListQuery; columns: string[] }) {
  return (
    <a
      href={assetExportHref(query, columns)}
      download
      className="mb-2 ml-2 inline-block rounded border border-slate-300 bg-white px-2 py-1 text-sm hover:bg-slate-50"
    >
      Export CSV
    </a>
  );
}
