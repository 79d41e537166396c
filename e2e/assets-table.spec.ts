import { expect, test } from "./fixtures";

// The review desk's table: the URL is the state, the server filters, sorts and pages.

function table(page: import("@playwright/test").Page) {
  return page.getByRole("table", { name: "Assets" });
}

async function fileNames(page: import("@playwright/test").Page): Promise<string[]> {
  return table(page).getByRole("row").locator("td[data-column='uri'] a").allTextContents();
}

/** Filters the table by file path, as a person does, and waits for the URL to carry it. */
async function searchFiles(page: import("@playwright/test").Page, text: string) {
  await page.getByLabel("Search file path or name").fill(text);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${text}`));
}

test("filter, sort, page forward and back, open an asset and come back to the same view", async ({ page, loginAs }) => {
  await loginAs("operator");
  await page.goto("/assets");

  await searchFiles(page, "interstitials");
  // Every row the filter left is an interstitial (the uri is the cell's title).
  const uris = await table(page)
    .getByRole("row")
    .locator("td[data-column='uri'] div[title]")
    .evaluateAll((cells) => cells.map((cell) => cell.getAttribute("title")));
  expect(uris).toHaveLength(50);
  expect(uris.every((uri) => uri?.includes("/interstitials/"))).toBe(true);

  await table(page)
    .getByRole("link", { name: /^Sort by Size/ })
    .click();
  await expect(page).toHaveURL(/sort=size/);
  await expect(page.getByRole("columnheader", { name: /Size/ })).toHaveAttribute("aria-sort", "descending");
  await page.getByRole("link", { name: "25 rows per page" }).click();
  await expect(page).toHaveURL(/per=25/);
  const firstPage = await fileNames(page);
  expect(firstPage).toHaveLength(25);

  await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/after=/);
  const secondPage = await fileNames(page);
  expect(secondPage.length).toBeGreaterThan(0);
  expect(secondPage.some((name) => firstPage.includes(name))).toBe(false);

  await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Previous" }).click();
  await expect(page).toHaveURL(/before=/);
  expect(await fileNames(page)).toEqual(firstPage);

  const viewUrl = page.url();
  await table(page).getByRole("link", { name: firstPage[0]! }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(firstPage[0]!);
  await page.goBack();
  await expect(page).toHaveURL(viewUrl);
  expect(await fileNames(page)).toEqual(firstPage);
  await expect(page.getByLabel("Search file path or name")).toHaveValue("interstitials");
});

test("status tabs filter by status and show their counts", async ({ page, loginAs }) => {
  await loginAs("editor");
  await page.goto("/assets");
  const tabs = page.getByRole("navigation", { name: "Status" });
  await expect(tabs.getByRole("link")).toHaveText([
    /^All\s*\d+/,
    /^Pending\s*\d+/,
    /^Approved\s*\d+/,
    /^Promoted\s*\d+/,
  ]);
  await tabs.getByRole("link", { name: /^Promoted/ }).click();
  await expect(page).toHaveURL(/status=promoted/);
  const statuses = await table(page).getByRole("row").locator("td[data-column='status']").allTextContents();
  expect(statuses.length).toBeGreaterThan(0);
  expect(new Set(statuses)).toEqual(new Set(["promoted"]));
});

test("a malformed or unknown URL parameter falls back with a visible notice", async ({ page, loginAs }) => {
  await loginAs("operator");
  const response = await page.goto("/assets?sort=colour&per=7&bogus=1&after=!!");
  expect(response?.status()).toBe(200);
  const notices = page.getByRole("status", { name: "Notices" });
  await expect(notices).toContainText("Ignored sort=“colour”");
  await expect(notices).toContainText("Ignored per=“7”");
  await expect(notices).toContainText("unknown parameter “bogus”");
  await expect(table(page).getByRole("row")).not.toHaveCount(1);
});

test("keyboard: j and k move, x selects, Enter opens; select all matching the filter", async ({ page, loginAs }) => {
  await loginAs("operator");
  await page.goto("/assets?per=25");
  await expect(page.getByText("for keyboard shortcuts")).toBeVisible();
  await page.locator("body").press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await page.getByRole("button", { name: "Close" }).click();
  await page.locator("body").press("j");
  await page.locator("body").press("x");
  await expect(page.getByRole("region", { name: "Selection" })).toContainText("1 selected on this page.");
  await page.getByRole("checkbox", { name: "Select all rows on this page" }).check();
  await page.getByRole("button", { name: /^Select all .* assets matching this filter$/ }).click();
  await expect(page.getByRole("region", { name: "Selection" })).toContainText(
    /All \d+ assets matching this filter are selected/,
  );

  const second = (await fileNames(page))[1]!;
  await page.locator("body").press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(second);
});

test("a saved view keeps the filter and sort and can be shared", async ({ page, loginAs }) => {
  await loginAs("editor");
  await page.goto("/assets?container=mkv&sort=duration&dir=asc");
  const name = `Short MKVs ${Date.now()}`;
  await page.getByLabel("Save this view as").fill(name);
  await page.getByLabel("Share with everyone").check();
  await page.getByRole("button", { name: "Save view" }).click();
  await expect(page.getByText("View saved.")).toBeVisible();

  await page.goto("/assets");
  await page
    .getByRole("complementary", { name: "Saved views" })
    .getByRole("link", { name: new RegExp(name) })
    .click();
  await expect(page).toHaveURL(/container=mkv/);
  await expect(page).toHaveURL(/sort=duration/);
});

test("the catalog shares the table machinery: search, sort and tag links in the URL", async ({ page, loginAs }) => {
  await loginAs("operator");
  await page.goto("/catalog");
  const catalog = page.getByRole("table", { name: "Catalog entries" });
  await catalog.getByRole("link", { name: /^Sort by Title/ }).click();
  await expect(page).toHaveURL(/sort=title&dir=asc/);
  const titles = await catalog.getByRole("row").locator("td[data-column='title']").allTextContents();
  expect(titles.length).toBeGreaterThan(1);
  // Collations differ in details (spaces, case); the first letters must be in order under any of them.
  const initials = titles.map((title) => title.trim()[0]!.toLowerCase());
  expect([...initials].sort()).toEqual(initials);

  await page.getByLabel("Search title or file path").fill("Starlight");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=Starlight/);
  await expect(page).toHaveURL(/sort=title/);
  const found = await catalog.getByRole("row").locator("td[data-column='title']").allTextContents();
  expect(found.every((title) => title.includes("Starlight"))).toBe(true);
});

test("scan issues: the dashboard counts link to the filter; rows carry a badge and the asset says what is wrong", async ({
  page,
  loginAs,
}) => {
  await loginAs("operator");
  await page.goto("/");
  await page
    .getByRole("region", { name: "Scan issues" })
    .getByRole("link", { name: /file missing/i })
    .click();
  await expect(page).toHaveURL(/[?&]issue=missing/);
  await expect(page.getByLabel("Issues")).toHaveValue("missing");
  const rows = table(page).locator("tbody tr");
  await expect(rows.first().getByText("missing", { exact: true })).toHaveAttribute("title", /^Missing since .* UTC/);
  const shown = await rows.count();
  await expect(rows.filter({ has: page.getByText("missing", { exact: true }) })).toHaveCount(shown);

  await page.getByLabel("Issues").selectOption({ label: "probe failed" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]issue=probe_failed/);
  const badge = rows.first().getByText("probe failed", { exact: true });
  await expect(badge).toHaveAttribute("title", /^Probe failed: ./);
  const error = (await badge.getAttribute("title"))!.replace(/^Probe failed: /, "");

  await rows.first().locator("td[data-column='uri'] a").click();
  const problems = page.getByRole("status", { name: "File problems" });
  await expect(problems).toContainText(`Probe failed: ${error}`);
  await expect(page.locator('[data-field="probe_error"]')).toHaveText(error);
  await expect(page.locator('[data-field="file_mtime"]')).toBeVisible();
});

test("Export CSV downloads every asset of the current view with the columns shown", async ({ page, loginAs }) => {
  await loginAs("operator");
  await page.goto("/assets?per=25");
  await searchFiles(page, "interstitials");
  const columns = page.locator("summary", { hasText: "Columns" });
  await columns.click();
  await page.getByRole("checkbox", { name: "Status" }).uncheck();
  await columns.click();
  await expect(page.getByRole("columnheader", { name: "Status" })).toHaveCount(0);
  const all = await page.getByRole("navigation", { name: "Status" }).getByRole("link", { name: /^All/ }).textContent();
  const matching = Number(all!.replace(/\D/g, ""));

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^assets-\d{8}T\d{6}Z\.csv$/);
  const stream = await download.createReadStream();
  let text = "";
  for await (const chunk of stream) text += String(chunk);
  const [header, ...rows] = text.split("\r\n").slice(0, -1);
  expect(header).toBe(
    "uuid,uri,title,tags,notes_count,duration_ms,size_bytes,container,qc_verdict,video_codec,audio_codec,discovered_at",
  );
  // Every matching asset, not just the 25 on the page.
  expect(matching).toBeGreaterThan(25);
  expect(rows).toHaveLength(matching);
  expect(rows.every((row) => /^[0-9a-f-]{36},\/media\/interstitials\//.test(row))).toBe(true);
});
