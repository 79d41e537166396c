import Link from "next/link";
import { PAGE_SIZES, type PagingQuery } from "@/lib/table/search-params";

// Cursor paging: previous / next / first, and the page size. Links only, so the URL is the state:
// each is the table's own href builder applied to this view.
export function Pager<Q extends PagingQuery>({
  page,
  query,
  href,
}: {
  /** The cursors the list function answered for the pages either side. */
  page: { previous: string | null; next: string | null };
  query: Q;
  href: (query: Q, change: Partial<Q>) => string;
}) {
  const move = (change: Partial<PagingQuery>) => href(query, change as Partial<Q>);
  const previousHref = page.previous ? move({ before: page.previous }) : null;
  const nextHref = page.next ? move({ after: page.next }) : null;
  const firstHref = page.previous ? move({}) : null;
  const link = "rounded border border-slate-300 bg-white px-3 py-1 hover:bg-slate-50";
  const disabled = "rounded border border-slate-200 px-3 py-1 text-slate-400";
  return (
    <nav aria-label="Pages" className="mt-3 flex flex-wrap items-center gap-2 text-sm">
      {firstHref ? (
        <Link href={firstHref} className={link}>
          First
        </Link>
      ) : null}
      {previousHref ? (
        <Link href={previousHref} className={link} rel="prev">
          Previous
        </Link>
      ) : (
        <span className={disabled} aria-disabled="true">
          Previous
        </span>
      )}
      {nextHref ? (
        <Link href={nextHref} className={link} rel="next">
          Next
        </Link>
      ) : (
        <span className={disabled} aria-disabled="true">
          Next
        </span>
      )}
      <span className="ml-4 text-slate-600">Rows per page:</span>
      {PAGE_SIZES.map((size) =>
        size === query.per ? (
          <span key={size} aria-current="true" className="rounded bg-slate-900 px-2 py-1 text-white">
            {size}
          </span>
        ) : (
          <Link
            key={size}
            href={move({ per: size })}
            className="rounded px-2 py-1 hover:bg-slate-100"
            aria-label={`${size} rows per page`}
          >
            {size}
          </Link>
        ),
      )}
    </nav>
  );
}
