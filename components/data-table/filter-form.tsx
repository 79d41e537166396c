import Link from "next/link";
import { serializeSearchParams } from "@/lib/table/search-params";

/**
 * A table's filter form: a plain GET to the table's own page, so the filters land in the URL and
 * work without script. Clear goes back to the unfiltered table.
 */
export function FilterForm({
  action,
  label,
  submit = "Apply filters",
  filtered,
  children,
  after,
}: {
  /** The table page's path. */
  action: string;
  /** The search landmark's name. */
  label: string;
  submit?: string;
  /** Whether any filter is set, which offers Clear. */
  filtered: boolean;
  /** The fields, then the view's kept parameters. */
  children: React.ReactNode;
  /** Shown after the buttons. */
  after?: React.ReactNode;
}) {
  return (
    <form
      action={action}
      role="search"
      aria-label={label}
      className="mb-3 flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-3"
    >
      {children}
      <button
        type="submit"
        className="rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700"
      >
        {submit}
      </button>
      {filtered ? (
        <Link href={action} className="px-2 py-1.5 text-sm underline">
          Clear
        </Link>
      ) : null}
      {after}
    </form>
  );
}

/**
 * Parameters of the view that the form does not show (its sort, page size…) as hidden fields, so
 * they travel with the filter; a value equal to its default is left out, as in the table's links.
 */
export function KeptParams<Q extends object>({
  query,
  defaults,
  keep,
}: {
  query: Q;
  defaults: Q;
  keep: Array<keyof Q>;
}) {
  const kept = Object.fromEntries(keep.map((key) => [key, query[key]])) as Q;
  return [...new URLSearchParams(serializeSearchParams(kept, defaults))].map(([name, value]) => (
    <input key={name} type="hidden" name={name} value={value} />
  ));
}
