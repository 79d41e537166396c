import { randomUUID } from "node:crypto";
import { expect, test } from "./fixtures";

const MISSING = [
  { what: "a malformed uuid", path: "/assets/not-a-uuid" },
  { what: "an unknown uuid", path: `/assets/${randomUUID()}` },
];

for (const { what, path } of MISSING) {
  test(`an asset page for ${what} answers 404`, async ({ page, loginAs }) => {
    await loginAs("operator");
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Asset not found" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Back to assets" })).toHaveAttribute("href", "/assets");
  });
}
