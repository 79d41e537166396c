import { describe, expect, it } from "vitest";
import { parseUuid } from "@/lib/uuid";

describe("parseUuid", () => {
  it("accepts uuids in any case and returns them lower-case", () => {
    expect(parseUuid("8B0DCCDF-CD55-4F59-B9F5-FDDF7ECAB1B0")).toBe("8b0dccdf-cd55-4f59-b9f5-fddf7ecab1b0");
  });

  it.each([
    "",
    "42",
    "not-a-uuid",
    "8b0dccdf-cd55-4f59-b9f5-fddf7ecab1b",
    "8b0dccdf-cd55-4f59-b9f5-fddf7ecab1b0x",
    "'; drop table assets; --",
  ])("rejects %j", (value) => expect(parseUuid(value)).toBeNull());

  it("rejects values that are not strings", () => {
    expect(parseUuid(42)).toBeNull();
    expect(parseUuid(undefined)).toBeNull();
  });
});
