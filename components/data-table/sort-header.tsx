import Link from "next/link";
import type { SortDirection } from "@/lib/table/search-params";

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
