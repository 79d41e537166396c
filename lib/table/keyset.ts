import { Prisma } from "@/lib/generated/prisma/client";
import type { SortDirection } from "@/lib/table/search-params";

// Keyset (cursor) pagination over one sort column plus the uuid as tie-breaker. Never OFFSET:
// page 10,000 costs what page 1 costs. Nulls sort last in both directions, so a nullable column is
// two segments — its non-null rows in (value, uuid) order, then its null rows in uuid order — and
// each segment is an index range scan.

export interface SortColumn {
  /** SQL expression of the column, e.g. `a.size`. */
  sql: string;
  /** PostgreSQL type to cast the cursor's text value back to. */
  cast: "timestamptz" | "bigint" | "integer" | "text" | "float8";
  nullable: boolean;
  /** A unique column needs no tie-breaker. */
  unique: boolean;
  /** SQL expression of the row's uuid. */
  uuid: string;
}

/** A row's position: its sort value as PostgreSQL prints it (exact, microseconds included) and uuid. */
export interface Key {
  v: string | null;
  u: string;
}

export function encodeCursor(key: Key): string {
  return Buffer.from(JSON.stringify([key.v, key.u])).toString("base64url");
}

/**
 * The key inside a cursor, or null when the cursor is not one of ours for this column: its value must
 * be one PostgreSQL can cast to the column's type (a crafted cursor must not reach the database as
 * a cast error), and its uuid a uuid.
 */
export function decodeCursor(cursor: string, column: Pick<SortColumn, "cast" | "nullable">): Key | null {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [v, u] = value as unknown[];
  if (typeof u !== "string" || !UUID.test(u)) return null;
  if (v === null) return column.nullable ? { v, u } : null;
  return typeof v === "string" && CAST_CHECKS[column.cast](v) ? { v, u } : null;
}

/** The table's `after`/`before` parameters as keys; `ignored` when one was given but is not a cursor of this column. */
export function readCursors(query: { after?: string; before?: string }, column: Pick<SortColumn, "cast" | "nullable">) {
  const after = query.after ? decodeCursor(query.after, column) : null;
  const before = query.before ? decodeCursor(query.before, column) : null;
  return {
    cursor: { after: after ?? undefined, before: before ?? undefined },
    ignored: Boolean((query.after && !after) || (query.before && !before)),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const inRange = (text: string, pattern: RegExp, min: bigint, max: bigint) =>
  pattern.test(text) && BigInt(text) >= min && BigInt(text) <= max;

/** A timestamp as PostgreSQL prints one (`2026-11-24 05:18:58.123456+00`), with a real calendar date and time. */
function isTimestamp(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)$/.exec(text);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60
  );
}

const CAST_CHECKS: Record<SortColumn["cast"], (text: string) => boolean> = {
  timestamptz: isTimestamp,
  bigint: (text) => inRange(text, /^-?\d{1,19}$/, -(2n ** 63n), 2n ** 63n - 1n),
  integer: (text) => inRange(text, /^-?\d{1,10}$/, -(2n ** 31n), 2n ** 31n - 1n),
  // PostgreSQL text holds any character but NUL.
  text: (text) => !text.includes("\u0000"),
  float8: (text) => /^-?\d{1,6}(\.\d{1,17})?(e[+-]?\d{1,3})?$/i.test(text) && Number.isFinite(Number(text)),
};

export type Fetch<T> = (condition: Prisma.Sql, orderBy: Prisma.Sql, limit: number) => Promise<T[]>;

interface Segment {
  nulls: boolean;
  bound?: Key;
}

export interface KeysetPage<T> {
  rows: T[];
  /** Cursor of the page after this one, if there is one. */
  next: string | null;
  /** Cursor of the page before this one, if there is one. */
  previous: string | null;
}

/**
 * One page of `per` rows after or before a cursor. `fetch` runs the query with the extra condition
 * and order it is given; rows carry `key` (their sort value as text, and uuid).
 */
export async function keysetPage<T extends { key: Key }>(
  column: SortColumn,
  direction: SortDirection,
  cursor: { after?: Key; before?: Key },
  per: number,
  fetch: Fetch<T>,
): Promise<KeysetPage<T>> {
  const backwards = Boolean(cursor.before);
  const bound = cursor.before ?? cursor.after;
  // Walking backwards is walking forwards in the opposite direction, then reversing the page.
  const walk: SortDirection = backwards ? (direction === "asc" ? "desc" : "asc") : direction;

  // The segments in walking order: forwards the non-null rows come first, backwards the null rows.
  const order: Segment[] = column.nullable
    ? backwards
      ? [{ nulls: true }, { nulls: false }]
      : [{ nulls: false }, { nulls: true }]
    : [{ nulls: false }];
  let segments = order;
  if (bound) {
    const start = order.findIndex((segment) => segment.nulls === (bound.v === null));
    segments = [{ ...order[start]!, bound }, ...order.slice(start + 1)];
  }

  const rows: T[] = [];
  for (const segment of segments) {
    if (rows.length > per) break;
    rows.push(
      ...(await fetch(
        segmentCondition(column, walk, segment),
        segmentOrder(column, walk, segment.nulls),
        per + 1 - rows.length,
      )),
    );
  }
  const more = rows.length > per;
  // Back at the start: show a full first page rather than a short one.
  if (backwards && !more) return keysetPage(column, direction, {}, per, fetch);
  const page = rows.slice(0, per);
  if (backwards) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  return {
    rows: page,
    next: last && (backwards ? true : more) ? encodeCursor(last.key) : null,
    previous: first && (backwards ? more : Boolean(bound)) ? encodeCursor(first.key) : null,
  };
}

function segmentCondition(column: SortColumn, walk: SortDirection, { nulls, bound }: Segment): Prisma.Sql {
  const sql = Prisma.raw(column.sql);
  const uuid = Prisma.raw(column.uuid);
  const op = Prisma.raw(walk === "asc" ? ">" : "<");
  if (nulls) {
    return bound ? Prisma.sql`${sql} IS NULL AND ${uuid} ${op} ${bound.u}::uuid` : Prisma.sql`${sql} IS NULL`;
  }
  const notNull = column.nullable ? Prisma.sql`${sql} IS NOT NULL` : Prisma.sql`TRUE`;
  if (!bound || bound.v === null) return notNull;
  const value = Prisma.sql`${bound.v}::${Prisma.raw(column.cast)}`;
  return column.unique
    ? Prisma.sql`${notNull} AND ${sql} ${op} ${value}`
    : Prisma.sql`${notNull} AND (${sql}, ${uuid}) ${op} (${value}, ${bound.u}::uuid)`;
}

function segmentOrder(column: SortColumn, walk: SortDirection, nulls: boolean): Prisma.Sql {
  const dir = Prisma.raw(walk === "asc" ? "ASC" : "DESC");
  if (nulls) return Prisma.sql`${Prisma.raw(column.uuid)} ${dir}`;
  return column.unique
    ? Prisma.sql`${Prisma.raw(column.sql)} ${dir}`
    : Prisma.sql`${Prisma.raw(column.sql)} ${dir}, ${Prisma.raw(column.uuid)} ${dir}`;
}
