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
  cast: "timestamptz" | "bigint" | "integer" | "text";
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

/** The key inside a cursor, or null when the cursor is not one of ours. */
export function decodeCursor(cursor: string): Key | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [v, u] = value as unknown[];
    if ((typeof v !== "string" && v !== null) || typeof u !== "string" || !/^[0-9a-f-]{36}$/.test(u)) return null;
    return { v, u };
  } catch {
    return null;
  }
}

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
  const order: Segment[] = column.nullable ? (backwards ? [{ nulls: true }, { nulls: false }] : [{ nulls: false }, { nulls: true }]) : [{ nulls: false }];
  let segments = order;
  if (bound) {
    const start = order.findIndex((segment) => segment.nulls === (bound.v === null));
    segments = [{ ...order[start]!, bound }, ...order.slice(start + 1)];
  }

  const rows: T[] = [];
  for (const segment of segments) {
    if (rows.length > per) break;
    rows.push(...(await fetch(segmentCondition(column, walk, segment), segmentOrder(column, walk, segment.nulls), per + 1 - rows.length)));
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
