import Link from "next/link";
import type { SortDirection, SortedQuery } from "@/lib/table/search-params";

/** A column header that links to the same view sorted by this column (toggling the direction). */
export function SortHeader({
  label,
  active,
  direction,
  href,
}: {
  label: string;
  active: boolean;
  direction: SortDirection;
  href: string;
}) {
  return (
    <Link
      href={href}
      className="inline-flex items-center gap-1 hover:text-slate-900"
      aria-label={`Sort by ${label}${active ? `, now ${direction === "asc" ? "ascending" : "descending"}` : ""}`}
    >
      {label}
      <span aria-hidden="true" className={active ? "text-slate-900" : "text-slate-300"}>
        {active && direction === "asc" ? "▲" : "▼"}
      </span>
    </Link>
  );
}

/** The direction a click on a header asks for: flip the active column, else the column's natural one. */
export function nextDirection(active: boolean, current: SortDirection, natural: SortDirection): SortDirection {
  if (!active) return natural;
  return current === "desc" ? "asc" : "desc";
}

/**
 * The `header` of a column the table can sort by: a link to the same view sorted by `sort`, from
 * the table's own href builder. `natural` is the direction a first click asks for.
 */
export function sortHeader<Q extends SortedQuery<string>>(
  query: Q,
  href: (query: Q, change: Partial<Q>) => string,
  sort: Q["sort"],
  label: string,
  natural: SortDirection,
) {
  const active = query.sort === sort;
  const change = { sort, dir: nextDirection(active, query.dir, natural) } as Partial<Q>;
  return function SortableHeader() {
    return <SortHeader label={label} active={active} direction={query.dir} href={href(query, change)} />;
  };
}
