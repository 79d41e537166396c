import Link from "next/link";

export interface RunItem {
  path: string;
  error: string | null;
  assetUuid: string | null;
  /** Why a changed file matters more than the others, e.g. its approval was revoked. */
  note?: string;
}

/** One outcome of a run: the files listed (up to the page's limit), and how many more there are. */
export function RunItemSection({ title, items, total }: { title: string; items: RunItem[]; total: number | null }) {
  const more = total === null ? null : total - items.length;
  const id = `run-items-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={id} className="mb-2 text-base font-semibold">
        {title}{" "}
        <span className="font-normal text-slate-500">
          ({total === null ? `${items.length}+` : total.toLocaleString("en")})
        </span>
      </h2>
      <ul className="space-y-1 text-sm">
        {items.map((item, index) => (
          <li key={`${item.path}-${index}`} className="break-all">
            {item.assetUuid ? (
              <Link href={`/assets/${item.assetUuid}`} className="font-mono text-xs text-sky-800 hover:underline">
                {item.path}
              </Link>
            ) : (
              <span className="font-mono text-xs">{item.path}</span>
            )}
            {item.note ? (
              <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">{item.note}</span>
            ) : null}
            {item.error ? <div className="text-xs text-red-700">{item.error}</div> : null}
          </li>
        ))}
      </ul>
      {more === null ? <p className="mt-2 text-sm text-slate-500">and more</p> : null}
      {more !== null && more > 0 ? (
        <p className="mt-2 text-sm text-slate-500">and {more.toLocaleString("en")} more</p>
      ) : null}
    </section>
  );
}
