import { describe, expect, it } from "vitest";
import { KnownError } from "@/lib/errors";
import { assertCursorRecognised, withCursorNotice } from "@/lib/table/ignored-cursor";
import { SEARCH_SPEC, tableParams, tableUrl, type SortedQuery } from "@/lib/table/search-params";

interface Query extends SortedQuery<"name" | "size"> {
  q: string | undefined;
}

const table = tableParams({ sorts: ["name", "size"], sort: "name" });
const defaults: Query = { q: undefined, ...table.defaults };
const url = tableUrl("/things", { q: SEARCH_SPEC, ...table.specs }, defaults);

describe("table parameters", () => {
  it("reads sort, dir, per and cursors with their defaults, and notices what it cannot read", () => {
    expect(table.defaults).toEqual({ sort: "name", dir: "desc", per: 50, after: undefined, before: undefined });
    expect(Object.keys(table.specs)).toEqual(["sort", "dir", "per", "after", "before"]);
    expect(url.parse({ sort: "size", dir: "asc", per: "25" }).query).toMatchObject({
      sort: "size",
      dir: "asc",
      per: 25,
    });
    const { query, notices } = url.parse({ sort: "colour", after: "abc", before: "def" });
    expect(query).toMatchObject({ sort: "name", after: undefined, before: undefined });
    expect(notices).toHaveLength(2);
    expect(Object.keys(tableParams().specs)).toEqual(["dir", "per", "after", "before"]);
  });

  it("writes links that leave defaults out and start again at the first page on any change", () => {
    const view = { ...defaults, q: "abc", after: "cursor" };
    expect(url.href(view)).toBe("/things?q=abc");
    expect(url.href(view, { sort: "size" })).toBe("/things?q=abc&sort=size");
    expect(url.search(view, { before: "cursor" })).toBe("?q=abc&before=cursor");
  });

  it("says so when the list could not use the cursor: a notice on the desk, a 400 from the API", () => {
    expect(withCursorNotice(["a"], { cursorIgnored: false })).toEqual(["a"]);
    expect(withCursorNotice(["a"], { cursorIgnored: true })).toHaveLength(2);
    expect(() => assertCursorRecognised({ cursorIgnored: false })).not.toThrow();
    expect(() => assertCursorRecognised({ cursorIgnored: true })).toThrow(KnownError);
  });
});
