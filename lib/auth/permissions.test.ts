import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { CAPABILITIES, ROLES } from "@/lib/auth/permissions";

describe("the roles table", () => {
  it("is the table the README shows", async () => {
    const readme = await readFile("README.md", "utf8");
    for (const { label, roles } of Object.values(CAPABILITIES)) {
      const row = readme.split("\n").find((line) => line.startsWith(`| ${label} |`));
      expect(row, `README row for "${label}"`).toBeDefined();
      const cells = row!
        .split("|")
        .slice(2, 2 + ROLES.length)
        .map((cell) => cell.trim() === "✔");
      expect(cells, label).toEqual(ROLES.map((role) => (roles as readonly string[]).includes(role)));
    }
  });
});
