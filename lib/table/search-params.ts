import { z } from "zod";

// URL ⇄ typed query for the desk's tables. Pure (no server imports): the page parses with it and
// the browser builds links with it, so there is one reading of every parameter.

export type RawSearchParams = Record<string, string | string[] | undefined>;

export const PAGE_SIZES = [25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export type SortDirection = "asc" | "desc";

/** One URL parameter: how to read it, and what to say when it cannot be read. */
export interface ParamSpec<T> {
  schema: z.ZodType<T>;
  /** How a person would describe a valid value, for the notice. */
  expected: string;
}

export type Specs<Q> = { [K in keyof Q]-?: ParamSpec<Q[K]> };

/** Comma-separated values, each checked, duplicates dropped. */
export function csv<T extends string>(item: z.ZodType<T, string>): z.ZodType<T[]> {
  return z
    .string()
    .transform((value) =>
      value
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1).max(20))
    .transform((values) => [...new Set(values)]);
}

export const pageSizeSchema = z.coerce
  .number()
  .pipe(z.union(PAGE_SIZES.map((size) => z.literal(size)) as [z.ZodLiteral<25>, z.ZodLiteral<50>, z.ZodLiteral<100>]));

/**
 * Reads `raw` against `specs`. A parameter that is unknown, repeated or malformed falls back to its
 * default and yields a notice that the page shows; nothing here throws.
 */
export function parseSearchParams<Q extends object>(
  raw: RawSearchParams,
  specs: Specs<Q>,
  defaults: Q,
): { query: Q; notices: string[] } {
  const query = { ...defaults };
  const notices: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    if (!(key in specs)) {
      notices.push(`Ignored the unknown parameter “${key}”.`);
      continue;
    }
    const spec = specs[key as keyof Q];
    const text = Array.isArray(value) ? value[0] : value;
    if (Array.isArray(value) && value.length > 1)
      notices.push(`“${key}” was given ${value.length} times; used the first.`);
    if (text === undefined || text === "") continue;
    // No parameter takes a NUL character, and PostgreSQL text cannot hold one.
    if (text.includes("\u0000")) {
      notices.push(`Ignored ${key}: it contains a NUL character.`);
      continue;
    }
    const parsed = spec.schema.safeParse(text);
    if (parsed.success) query[key as keyof Q] = parsed.data;
    else notices.push(`Ignored ${key}=“${text.slice(0, 60)}”: expected ${spec.expected}.`);
  }
  return { query, notices };
}

/** The query as a URL search string, leaving out values equal to their defaults. */
export function serializeSearchParams<Q extends object>(query: Q, defaults: Q): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query) as Array<[string, unknown]>) {
    if (value === undefined || value === null || value === "") continue;
    const fallback = (defaults as Record<string, unknown>)[key];
    const text = Array.isArray(value) ? value.join(",") : String(value);
    const defaultText = Array.isArray(fallback)
      ? fallback.join(",")
      : fallback === undefined
        ? undefined
        : String(fallback);
    if (text === defaultText || text === "") continue;
    params.set(key, text);
  }
  const search = params.toString();
  return search ? `?${search}` : "";
}

/** Free-text search, as every table's `q` reads it. */
export const SEARCH_SPEC: ParamSpec<string | undefined> = {
  schema: z.string().trim().min(1).max(200),
  expected: "up to 200 characters",
};

/** A UTC calendar day (YYYY-MM-DD), as the tables' date filters read it. */
export const DATE_SPEC: ParamSpec<string | undefined> = { schema: z.iso.date(), expected: "a date such as 2026-01-31" };

/** The parameters every cursor-paged table reads after its filters: direction, page size and cursor. */
export interface PagingQuery {
  dir: SortDirection;
  per: PageSize;
  after: string | undefined;
  before: string | undefined;
}

/** A table that also lets the person choose the column it is sorted by. */
export interface SortedQuery<S extends string> extends PagingQuery {
  sort: S;
}

const cursorSpec: ParamSpec<string | undefined> = {
  schema: z.string().regex(/^[A-Za-z0-9_-]{1,400}$/),
  expected: "a page cursor from the table's own links",
};

function pagingParams(dir: SortDirection, per: PageSize): { specs: Specs<PagingQuery>; defaults: PagingQuery } {
  return {
    specs: {
      dir: { schema: z.enum(["asc", "desc"]), expected: "asc or desc" },
      per: { schema: pageSizeSchema, expected: PAGE_SIZES.join(", ") },
      after: cursorSpec,
      before: cursorSpec,
    },
    defaults: { dir, per, after: undefined, before: undefined },
  };
}

/**
 * The specs and defaults of a table's own parameters (`sort` when it has `sorts`, then `dir`, `per`,
 * `after`, `before`), to spread after its filters. Newest first, 50 rows, unless told otherwise.
 */
export function tableParams<S extends string>(options: {
  sorts: readonly [S, ...S[]];
  sort: S;
  dir?: SortDirection;
  per?: PageSize;
}): { specs: Specs<SortedQuery<S>>; defaults: SortedQuery<S> };
export function tableParams(options?: { dir?: SortDirection; per?: PageSize }): {
  specs: Specs<PagingQuery>;
  defaults: PagingQuery;
};
export function tableParams<S extends string>({
  sorts,
  sort,
  dir = "desc",
  per = 50,
}: { sorts?: readonly [S, ...S[]]; sort?: S; dir?: SortDirection; per?: PageSize } = {}) {
  const paging = pagingParams(dir, per);
  if (!sorts || sort === undefined) return paging;
  return {
    specs: { sort: { schema: z.enum(sorts), expected: sorts.join(", ") }, ...paging.specs },
    defaults: { sort, ...paging.defaults },
  };
}

/**
 * One table's URL, read and written: `parse` reads the page's search params (`after` and `before`
 * together mean "first page"); `href` and `search` write a view, with or without the path, where
 * any change starts again at the first page unless it names a cursor itself.
 */
export function tableUrl<Q extends PagingQuery>(path: string, specs: Specs<Q>, defaults: Q) {
  function search(query: Q, change: Partial<Q> = {}): string {
    return serializeSearchParams({ ...query, after: undefined, before: undefined, ...change }, defaults);
  }
  return {
    parse(raw: RawSearchParams) {
      const parsed = parseSearchParams(raw, specs, defaults);
      if (parsed.query.after && parsed.query.before) {
        parsed.notices.push("Both “after” and “before” were given; showing the first page.");
        parsed.query.after = parsed.query.before = undefined;
      }
      return parsed;
    },
    href: (query: Q, change: Partial<Q> = {}) => `${path}${search(query, change)}`,
    search,
  };
}
