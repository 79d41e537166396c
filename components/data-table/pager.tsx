import Link from "next/link";
import { PAGE_SIZES } from "@/lib/table/search-params";

// Cursor paging: previous / next / first, and the page size. Links only, so the URL is the state.
export function Pager({
  previousHref,
  nextHref,
  firstHref,
  perHref,
  per,
}: {
  previousHref: string | null;
  nextHref: string | null;
  firstHref: string | null;
  perHref: (per: number) => string;
  per: number;
}) {
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
        size === per ? (
          <span key={size} aria-current="true" className="rounded bg-slate-900 px-2 py-1 text-white">
            {size}
          </span>
        ) : (
          <Link
            key={size}
            href={perHref(size)}
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
