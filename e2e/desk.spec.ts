import { expect, expectNoIntegerIdsInLinks, test, UUID_V4 } from "./fixtures";

// Every field of the asset document the detail page must show (lib/ keeps the integer id inside).
const DOMAIN_FIELDS = [
  "uuid",
  "uri",
  "size",
  "duration_ms",
  "video_codec",
  "audio_codec",
  "container",
  "hash_sha256",
  "discovered_at",
  "canonical",
  "is_deleted",
  "deleted_at",
];

// As the dashboard names them (the page capitalises the stored lower-case status).
const STATUSES = ["Pending", "Approved", "Promoted", "Deleted"];

test("the dashboard counts assets by status", async ({ page, loginAs }) => {
  await loginAs("operator");
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();

  const counts = page.getByRole("region", { name: "Assets by status" });
  const text = (await counts.textContent()) ?? "";
  let total = 0;
  for (const status of STATUSES) {
    await expect(counts.getByText(new RegExp(`^${status}$`, "i"))).toBeVisible();
    const count = new RegExp(`${status}\\s*([\\d,]+)`, "i").exec(text)?.[1];
    expect(count, `count shown for ${status}`).toBeDefined();
    total += Number(count?.replaceAll(",", ""));
  }
  // The demo seed gives the fresh database a few hundred assets.
  expect(total).toBeGreaterThan(0);
  await expectNoIntegerIdsInLinks(page);
});

test("an asset opens from the list by its uuid and shows every field", async ({ page, context, loginAs }) => {
  await loginAs("operator");
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Assets" }).click();
  await expect(page).toHaveURL(/\/assets$/);
  await expect(page.getByRole("heading", { level: 1, name: "Assets" })).toBeVisible();
  await expectNoIntegerIdsInLinks(page);

  const table = page.getByRole("table", { name: "Assets" });
  const firstRow = table.getByRole("row").nth(1); // row 0 holds the column headers
  const fileCell = firstRow.locator("td[data-column='uri']");
  const link = fileCell.getByRole("link");
  const fileName = (await link.textContent())?.trim() ?? "";
  const uri = (await fileCell.getByTitle(/./).textContent())?.trim() ?? "";
  const listedUuid = (await link.getAttribute("href"))?.split("/").pop() ?? "";
  expect(fileName).not.toBe("");
  expect(uri.endsWith(fileName), `${uri} ends with ${fileName}`).toBe(true);

  await link.click();
  await expect(page).toHaveURL((url) => {
    const [, section, uuid, ...rest] = url.pathname.split("/");
    return section === "assets" && UUID_V4.test(uuid ?? "") && rest.length === 0;
  });
  const uuid = new URL(page.url()).pathname.split("/").pop() ?? "";
  expect(uuid).toBe(listedUuid);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(fileName);
  await expect(page.getByTestId("asset-uuid")).toHaveText(uuid);

  const fields = page.getByRole("region", { name: "Fields" });
  for (const field of DOMAIN_FIELDS) {
    await expect(fields.locator(`dd[data-field="${field}"]`), `field ${field}`).toBeVisible();
  }
  await expect(fields.locator('dd[data-field="uuid"]')).toHaveText(uuid);
  await expect(fields.locator('dd[data-field="uri"]')).toHaveText(uri);

  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy uuid" }).click();
  await expect(page.getByRole("button", { name: "Copy uuid" })).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(uuid);

  await expectNoIntegerIdsInLinks(page);
});
