import { expect, test } from "./fixtures";

// Editorial metadata and notes as an editor uses them: tag a selection from the table, find it
// again by the tag, and discuss an asset in its notes thread.

test("an editor tags a selection in bulk, sees the tags in the table and filters by them", async ({
  page,
  loginAs,
}) => {
  await loginAs("editor");
  await page.goto("/assets?status=pending&q=interstitials/promo_&sort=uri&dir=asc&per=25");
  await expect(page.getByText("for keyboard shortcuts")).toBeVisible();
  const table = page.getByRole("table", { name: "Assets" });
  const rows = table.getByRole("row");
  await expect(rows.nth(1)).toBeVisible();
  const count = (await rows.count()) - 1;

  await page.getByRole("checkbox", { name: "Select all rows on this page" }).check();
  await page.getByRole("region", { name: "Selection" }).getByRole("button", { name: "Add tags…" }).click();
  const dialog = page.getByRole("dialog", { name: "Add tags to the selection" });
  await dialog.getByLabel("Tags (comma-separated)").fill("Breakfast Slot, e2e-tagged");
  await dialog.getByRole("button", { name: "Add tags" }).click();
  await expect(dialog.getByRole("status", { name: "Result" })).toContainText(`Done: ${count} of ${count} tagged.`);
  await dialog.getByRole("button", { name: "Close" }).click();

  // The tags show, normalised, on every row; a tag is a link to the assets carrying it.
  const firstTags = rows.nth(1).locator("td[data-column='tags']");
  await expect(firstTags.getByRole("link", { name: "breakfast slot" })).toBeVisible();
  await expect(table.locator("td[data-column='tags']").getByRole("link", { name: "e2e-tagged" })).toHaveCount(count);

  // The tag filter, as typed (it is normalised): exactly the assets tagged.
  await page.goto("/assets?tag=E2E-Tagged&per=100");
  await expect(rows).toHaveCount(count + 1);
  await expect(table.locator("td[data-column='uri']")).toHaveText(Array(count).fill(/promo_/));
});

test("an editor writes a note on an asset, sees it in the thread and the count in the table", async ({
  page,
  loginAs,
}) => {
  await loginAs("editor");
  await page.goto("/assets?status=pending&q=interstitials/promo_&sort=uri&dir=desc&per=25");
  const link = page.getByRole("table", { name: "Assets" }).getByRole("row").nth(1).locator("td[data-column='uri'] a");
  const name = (await link.textContent())!.trim();
  const href = (await link.getAttribute("href"))!;
  await page.goto(href);

  const notes = page.getByRole("region", { name: "Notes" });
  await expect(notes).toContainText("No notes yet.");
  await notes.getByLabel("New note").fill("The pack shot is cut short at the end.");
  await notes.getByRole("button", { name: "Add note" }).click();
  const thread = notes.getByRole("list", { name: "Notes thread" });
  await expect(thread.getByRole("listitem")).toHaveCount(1);
  await expect(thread).toContainText("The pack shot is cut short at the end.");
  await expect(thread).toContainText("Eddie Editor");

  // Its author may still edit it: the thread marks the edit.
  await thread.getByText("Edit", { exact: true }).click();
  await thread.getByRole("textbox").fill("The pack shot is cut short at 00:28.");
  await thread.getByRole("button", { name: "Save note" }).click();
  await expect(thread).toContainText("The pack shot is cut short at 00:28.");
  await expect(thread).toContainText("edited");

  // The table counts it and finds it under "has notes".
  await page.goto(`/assets?notes=1&q=${encodeURIComponent(name)}`);
  const row = page.getByRole("table", { name: "Assets" }).getByRole("row").nth(1);
  await expect(row.locator("td[data-column='uri']")).toContainText(name);
  await expect(row.locator("td[data-column='notes']")).toHaveText("1");
});
