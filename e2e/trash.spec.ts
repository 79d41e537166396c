import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

// The admin's review tools: the trash (restore one, the selected rows, everything matching the
// filter) and the audit log (undo a bulk delete as a unit). Each test uses its own demo files.

function trashTable(page: Page) {
  return page.getByRole("table", { name: "Deleted assets" });
}

async function trashNames(page: Page): Promise<string[]> {
  await expect(trashTable(page)).toBeVisible();
  return trashTable(page).getByRole("row").locator("td[data-column='file'] a").allTextContents();
}

/** Each file is listed on /assets again (not deleted). */
async function expectLive(page: Page, search: string, names: string[]) {
  await page.goto(`/assets?q=${encodeURIComponent(search)}&per=100`);
  const table = page.getByRole("table", { name: "Assets" });
  for (const name of names) await expect(table.getByRole("link", { name, exact: true })).toBeVisible();
}

test("restore one asset from the trash; it leaves the trash and is back in the assets", async ({ page, loginAs }) => {
  await loginAs("admin");
  await page.goto("/trash");
  await page.getByLabel("Search file path").fill("Last Call at the Drive-In");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]q=Last\+Call/);
  await expect(trashTable(page).getByRole("cell", { name: "Rights expired" })).toBeVisible();
  await expect(trashTable(page).getByRole("link", { name: "editor@demo.local" })).toBeVisible();

  await trashTable(page).getByRole("button", { name: "Restore Last Call at the Drive-In.avi" }).click();
  await expect(trashTable(page).getByText("Nothing in the trash matches.")).toBeVisible();
  await expectLive(page, "Last Call at the Drive-In", ["Last Call at the Drive-In.avi"]);
});

test("bulk restore: the rows matching the filter, and the rows selected on the page", async ({ page, loginAs }) => {
  await loginAs("admin");
  // Everything matching: files named sign-off that editor@demo.local deleted.
  await page.goto("/trash");
  await page.getByLabel("Search file path").fill("sign-off");
  await page.getByLabel("Deleted by (email)").fill("editor@demo.local");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/deleted_by=editor%40demo\.local/);
  const matching = await trashNames(page);
  expect(matching.length).toBeGreaterThan(1);
  expect(matching.every((name) => name.includes("sign-off"))).toBe(true);

  await page
    .getByRole("region", { name: "Bulk actions" })
    .getByRole("button", { name: "Restore all matching…" })
    .click();
  const dialog = page.getByRole("dialog", { name: "Restore from the trash" });
  await expect(dialog.getByRole("status", { name: "Pre-flight summary" })).toContainText(
    `${matching.length} of ${matching.length} selected will be restored`,
  );
  await dialog.getByRole("button", { name: "Confirm restore" }).click();
  await expect(dialog.getByRole("status", { name: "Result" })).toContainText(`Restored ${matching.length}.`);
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(trashTable(page).getByText("Nothing in the trash matches.")).toBeVisible();
  await expectLive(page, "sign-off", matching);

  // The selected rows only: two of the deleted car ads.
  await page.goto("/trash?q=car_ad&sort=file&dir=asc");
  const cars = await trashNames(page);
  expect(cars.length).toBeGreaterThan(2);
  const chosen = cars.slice(0, 2);
  for (const name of chosen)
    await trashTable(page)
      .getByRole("checkbox", { name: `Select ${name}` })
      .check();
  await page.getByRole("button", { name: "Restore 2 selected…" }).click();
  await expect(dialog.getByRole("status", { name: "Pre-flight summary" })).toContainText(
    "2 of 2 selected will be restored",
  );
  await dialog.getByRole("button", { name: "Confirm restore" }).click();
  await expect(dialog.getByRole("status", { name: "Result" })).toContainText("Restored 2.");
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect.poll(() => trashNames(page)).toEqual(cars.slice(2));
  await expectLive(page, "car_ad", chosen);
});

test("undo a bulk delete from the audit log", async ({ page, loginAs }) => {
  await loginAs("admin");
  // The bulk delete, through the asset table's selection.
  await page.goto("/assets?status=pending&q=test_card&sort=uri&dir=asc");
  const assets = page.getByRole("table", { name: "Assets" });
  await expect(assets.getByRole("checkbox", { name: /^Select .*test_card/ }).first()).toBeVisible();
  const names = (await assets.getByRole("row").locator("td[data-column='uri'] a").allTextContents()).slice(0, 2);
  expect(names).toHaveLength(2);
  for (const name of names) await assets.getByRole("checkbox", { name: `Select ${name}` }).check();
  await page.getByRole("region", { name: "Selection" }).getByRole("button", { name: "Delete…" }).click();
  const bulk = page.getByRole("dialog", { name: "Bulk delete" });
  await expect(bulk.getByRole("status", { name: "Pre-flight summary" })).toContainText(
    "2 of 2 selected will be deleted",
  );
  await bulk.getByRole("button", { name: "Confirm delete" }).click();
  await expect(bulk.getByRole("status", { name: "Result" })).toContainText("2 deleted");

  await page.goto("/trash?q=test_card");
  for (const name of names) await expect(trashTable(page).getByRole("link", { name })).toBeVisible();

  // The audit log: the admin's deletes, then that batch, then undo it.
  await page.goto("/audit?actor=admin@demo.local&action=asset.delete");
  const audit = page.getByRole("table", { name: "Audit events" });
  await audit.getByRole("link", { name: "show this batch" }).first().click();
  await expect(page).toHaveURL(/[?&]batch=[0-9a-f-]{36}/);
  await expect(audit.getByRole("row")).toHaveCount(3);
  await audit.getByRole("button", { name: "Undo batch" }).first().click();
  await expect(audit.getByRole("status", { name: "Undo result" }).first()).toContainText(
    "2 reverted; 0 changed since and left as they are",
  );

  await page.goto("/trash?q=test_card");
  for (const name of names) await expect(trashTable(page).getByRole("link", { name })).toHaveCount(0);
  await expectLive(page, "test_card", names);
});

test("an admin purges what was deleted more than 30 days ago; its tombstones stay in the audit log", async ({
  page,
  loginAs,
}) => {
  await loginAs("admin");
  await page.goto("/trash");
  // The demo's deleted news opens: some deleted weeks ago, one this week.
  await page.getByLabel("Search file path").fill("news_open");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]q=news_open/);
  const all = await trashNames(page);
  await page.getByLabel("Deleted more than (days ago)", { exact: true }).fill("30");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]older_than=30/);
  await expect.poll(async () => (await trashNames(page)).length).toBeLessThan(all.length);
  const old = await trashNames(page);
  expect(old.length).toBeGreaterThan(0);

  await page.getByRole("region", { name: "Bulk actions" }).getByRole("button", { name: "Purge all matching…" }).click();
  const dialog = page.getByRole("dialog", { name: "Purge for good" });
  await expect(dialog.getByRole("status", { name: "Pre-flight summary" })).toContainText(
    `${old.length} of ${old.length} selected will be purged for good`,
  );
  await expect(dialog.getByRole("status", { name: "Pre-flight summary" })).toContainText("Nothing undoes a purge");
  await dialog.getByLabel("Reason (optional)").fill("Past the archive's retention");
  await dialog.getByRole("button", { name: "Confirm purge" }).click();
  await expect(dialog.getByRole("status", { name: "Result" })).toContainText(`Purged ${old.length}.`);
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(trashTable(page).getByText("Nothing in the trash matches.")).toBeVisible();

  // What was deleted this week stays in the trash; the purged rows are gone, their tombstones stay.
  await page.goto("/trash?q=news_open");
  await expect.poll(() => trashNames(page)).toEqual(all.filter((name) => !old.includes(name)));
  await page.goto("/audit?action=asset.purge");
  const log = page.getByRole("table", { name: "Audit events" });
  for (const name of old) {
    // Each tombstone's full record (opened from its one-line summary) names the purged file.
    const record = log.locator("details").filter({ hasText: name });
    await record.locator("summary").click();
    await expect(record.getByText(name).first()).toBeVisible();
  }
});
