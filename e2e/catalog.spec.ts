import { expect, signIn, test } from "./fixtures";
import type { Page } from "@playwright/test";

// Catalog entries as an editor looks after them: retitled and retagged without the entry's uuid
// (what scheduling refers to) changing, and pointed at another approved copy after a pre-flight.
// Maple Street entries only, and titles keep their series name: the assets-table spec searches
// the catalog for "Starlight" and expects every title found to carry it.

const UUID_PATH = /\/catalog\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function openEntry(page: Page, list: string): Promise<{ url: string; title: string }> {
  await page.goto(list);
  const link = page
    .getByRole("table", { name: "Catalog entries" })
    .getByRole("row")
    .nth(1)
    .locator("td[data-column='title'] a");
  const title = (await link.textContent())!.trim();
  await link.click();
  await expect(page).toHaveURL(UUID_PATH);
  return { url: page.url(), title };
}

test("an editor edits a catalog entry's title and tags; the catalog shows them and the uuid stays", async ({
  page,
  browser,
  loginAs,
}) => {
  await loginAs("editor");
  const { url, title } = await openEntry(page, "/catalog?q=Maple+Street&sort=title&dir=asc");
  const uuid = url.split("/").pop()!;
  await expect(page.getByTestId("catalog-uuid")).toHaveText(uuid);

  // An admin opens the same entry's form before the editor saves.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, "admin@demo.local");
  await otherPage.goto(url);

  const retitled = `${title} (edited ${Date.now()})`;
  const form = page.getByRole("form", { name: "Edit catalog entry" });
  await form.getByLabel("Title").fill(`  ${retitled}  `);
  await form.getByLabel("Tags (comma-separated)").fill("Episode, Late  Night, episode");
  await form.getByRole("button", { name: "Save entry" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved (title, tags).");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(retitled);
  const entry = page.getByRole("region", { name: "Entry" });
  await expect(entry.getByRole("link", { name: "late night" })).toBeVisible();
  await expect(entry.getByRole("link", { name: "episode" })).toBeVisible();
  await expect(page.getByRole("region", { name: "History" })).toContainText("catalog.edit");
  await expect(page).toHaveURL(url);

  // The catalog table lists it under its new title, and the link leads to the same uuid.
  await page.goto(`/catalog?q=${encodeURIComponent(retitled)}`);
  const rows = page.getByRole("table", { name: "Catalog entries" }).getByRole("row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText("late night");
  await rows.nth(1).getByRole("link", { name: retitled }).click();
  await expect(page).toHaveURL(url);

  // The admin's form, read before that save, is refused rather than overwriting it.
  const stale = otherPage.getByRole("form", { name: "Edit catalog entry" });
  await stale.getByLabel("Title").fill(`${title} (stale)`);
  await stale.getByRole("button", { name: "Save entry" }).click();
  await expect(stale.getByRole("alert")).toContainText("Someone changed this catalog entry after you opened it");
  await other.close();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(retitled);
});

test("an editor replaces an entry's source with an approved copy after the pre-flight, then undoes it", async ({
  page,
  loginAs,
}) => {
  await loginAs("editor");
  await page.goto("/assets?status=approved&q=Maple+Street&per=25");
  const assetHref = (await page
    .getByRole("table", { name: "Assets" })
    .getByRole("row")
    .nth(1)
    .locator("td[data-column='uri'] a")
    .getAttribute("href"))!;
  const assetUuid = assetHref.split("/").pop()!;

  const { url } = await openEntry(page, "/catalog?q=Maple+Street&sort=title&dir=desc");
  const entry = page.getByRole("region", { name: "Entry" });
  await expect(entry).not.toContainText(assetUuid);
  const replace = page.getByRole("region", { name: "Replace source" });
  // The address of the asset's page, as pasted from the browser.
  await replace.getByLabel(/New source asset/).fill(new URL(assetHref, page.url()).href);
  await replace.getByRole("button", { name: "Check" }).click();
  const preflight = replace.getByRole("status", { name: "Replace source pre-flight" });
  await expect(preflight.getByRole("heading", { name: "After" })).toBeVisible();
  await expect(preflight).toContainText(assetUuid);
  await replace.getByRole("button", { name: "Confirm replace" }).click();
  const result = replace.getByRole("status", { name: "Replace source result" });
  await expect(result).toContainText("Source replaced");
  await expect(entry).toContainText(assetUuid);
  await expect(page).toHaveURL(url);

  await replace.getByRole("button", { name: "Undo" }).click();
  await expect(result).toContainText("Undone: the earlier asset is the source again.");
  await expect(entry).not.toContainText(assetUuid);
  await expect(page.getByRole("region", { name: "History" })).toContainText("catalog.replace_source");
});
