import { describe, expect, it } from "vitest";
import { tagsFieldSchema, tagsSchema } from "@/lib/assets/tags";

describe("tags", () => {
  it("are one tag whatever their case and spacing, de-duplicated and sorted", () => {
    expect(tagsSchema.parse(["  Sport ", "News", "news", "late   night"])).toEqual(["late night", "news", "sport"]);
  });

  it("refuse empty, over-long and punctuated tags with a reason", () => {
    expect(tagsSchema.safeParse([" "]).error?.issues[0]?.message).toBe("A tag cannot be empty.");
    expect(tagsSchema.safeParse(["x".repeat(51)]).success).toBe(false);
    expect(tagsSchema.safeParse(["a;drop"]).error?.issues[0]?.message).toMatch(/letters, digits/);
  });

  it("allow at most 20 distinct tags, counted after de-duplication", () => {
    const many = Array.from({ length: 21 }, (_, i) => `t${i}`);
    expect(tagsSchema.safeParse(many).success).toBe(false);
    expect(tagsSchema.safeParse([...many.slice(0, 20), "T0"]).success).toBe(true);
  });

  it("are typed as one comma-separated field", () => {
    expect(tagsFieldSchema.parse("news, Sport ,news,,")).toEqual(["news", "sport"]);
  });
});
