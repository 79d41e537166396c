import { execFileSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, expectNoIntegerIdsInLinks, signIn, test } from "./fixtures";

// Sources and scans: an admin adds a folder of real media (made here with ffmpeg, on the machine
// the server runs on), scans it, reads the report and rescans; who may do what; form errors.

const FFMPEG = process.env.FFMPEG_PATH || "/usr/bin/ffmpeg";
const folders: string[] = [];

/** A fresh folder under the system temp folder, removed after the tests. */
function tempFolder(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), "asset-desk-e2e-media-"));
  folders.push(folder);
  return folder;
}

/** One second of test pattern and tone. */
function makeClip(file: string, codecs: string[]) {
  execFileSync(FFMPEG, [
    "-v",
    "error",
    "-f",
    "lavfi",
    "-i",
    "testsrc2=size=160x90:rate=10",
    "-f",
    "lavfi",
    "-i",
    "sine=frequency=440",
    "-t",
    "1",
    ...codecs,
    file,
  ]);
}

/** Three clips ffprobe reads, and a ".mp4" of random bytes it cannot. */
function mediaFolder(): { folder: string; clips: string[]; corrupt: string } {
  const folder = tempFolder();
  const h264 = ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac"];
  const made: [string, string[]][] = [
    ["promo-one.mp4", h264],
    ["promo-two.mp4", h264],
    ["ident.mkv", ["-c:v", "mpeg4", "-c:a", "libvorbis"]],
  ];
  const clips = made.map(([clip, codecs]) => {
    makeClip(path.join(folder, clip), codecs);
    return path.join(folder, clip);
  });
  writeFileSync(path.join(folder, "broken.mp4"), randomBytes(64 * 1024));
  return { folder, clips, corrupt: path.join(folder, "broken.mp4") };
}

const uniqueName = (prefix: string) => `${prefix} ${randomBytes(3).toString("hex")}`;

test.afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

async function addFolderSource(page: Page, name: string, folder: string) {
  await page.goto("/sources");
  const form = page.getByRole("form", { name: "Add source" });
  await form.getByRole("radio", { name: "Folders on the server" }).check();
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Folders", { exact: true }).fill(folder);
  await form.getByRole("button", { name: "Add source" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Source added." })).toBeVisible();
  await expect(page.getByRole("table", { name: "Sources" }).getByRole("link", { name, exact: true })).toBeVisible();
}

function counts(page: Page) {
  return page.getByRole("region", { name: "Progress" }).getByRole("definition");
}

/** Starts a scan from the sources table and waits for the run's report. */
async function scanAndWait(page: Page, name: string) {
  await page.goto("/sources");
  await page.getByRole("button", { name: `Scan ${name}` }).click();
  await expect(page).toHaveURL(/\/sources\/runs\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: `Scan of ${name}` })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Files scanned" })).toBeVisible();
  // The page refreshes itself when the run ends; the badge then says how it ended.
  await expect(page.getByRole("heading", { level: 1 })).toContainText("succeeded", { timeout: 30_000 });
}

test("an admin adds a folder, scans it, reads the report, opens a new asset and rescans", async ({ page, loginAs }) => {
  // Two real scans, ffmpeg and a dozen pages: on a busy machine more than one test's budget (a run
  // under load spent 123 s, every step slow, none stuck), so three budgets.
  test.slow();
  const media = mediaFolder();
  const name = uniqueName("Promos");
  await loginAs("admin");
  await addFolderSource(page, name, media.folder);

  await scanAndWait(page, name);
  const progress = page.getByRole("progressbar", { name: "Files scanned" });
  await expect(progress).toHaveAttribute("aria-valuenow", "4");
  await expect(progress).toHaveAttribute("aria-valuemax", "4");
  await expect(page.getByText("4 / 4 files")).toBeVisible();
  await expect(counts(page)).toHaveText(["3", "0", "0", "0", "1"]);

  const fresh = page.getByRole("region", { name: "New (3)" });
  for (const clip of media.clips) await expect(fresh.getByRole("link", { name: clip, exact: true })).toBeVisible();
  const failed = page.getByRole("region", { name: "Failed (1)" });
  await expect(failed.getByText(media.corrupt, { exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: /^(Changed|Missing|Found again)/ })).toHaveCount(0);
  await expectNoIntegerIdsInLinks(page);

  // The run is listed on the sources page and on the dashboard.
  await page.goto("/sources");
  const row = page.getByRole("table", { name: "Sources" }).getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("succeeded");
  await expect(row.getByRole("link", { name: "3 new · 0 changed · 0 missing · 1 failed" })).toBeVisible();
  await expectNoIntegerIdsInLinks(page);
  await page.goto("/");
  await expect(page.getByRole("region", { name: "Latest scans" }).getByRole("link", { name })).toBeVisible();

  // A new asset, opened from the report, is in the desk waiting for review.
  await page.getByRole("region", { name: "Latest scans" }).getByRole("link", { name }).click();
  await page
    .getByRole("region", { name: "New (3)" })
    .getByRole("link", { name: path.join(media.folder, "promo-one.mp4"), exact: true })
    .click();
  await expect(page).toHaveURL(/\/assets\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("promo-one.mp4");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("pending");
  await page.goto(`/assets?q=${encodeURIComponent(media.folder)}&per=100`);
  await expect(
    page.getByRole("table", { name: "Assets" }).getByRole("link", { name: "ident.mkv", exact: true }),
  ).toBeVisible();

  // Nothing moved: the rescan finds nothing new and reads nothing again. The broken file was
  // recorded (with its probe error) by the first scan, so it counts as unchanged like the clips.
  await scanAndWait(page, name);
  await expect(counts(page)).toHaveText(["0", "0", "4", "0", "0"]);
  await expect(page.getByText("No file was new, changed, found again, missing or failed.")).toBeVisible();
});

test("an operator may scan a source but not add, edit or delete one; a scan of a folder gone away fails", async ({
  page,
  browser,
  loginAs,
}) => {
  const name = uniqueName("Operator view");
  const folder = tempFolder();
  const admin = await browser.newPage();
  await signIn(admin, "admin@demo.local");
  await addFolderSource(admin, name, folder);
  await admin.close();

  await loginAs("operator");
  await page.goto("/sources");
  await expect(page.getByRole("button", { name: `Scan ${name}` })).toBeVisible();
  await expect(page.getByRole("form", { name: "Add source" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Add source" })).toHaveCount(0);
  await page.getByRole("table", { name: "Sources" }).getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("form", { name: "Edit source" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete source…" })).toHaveCount(0);

  rmSync(folder, { recursive: true, force: true });
  await page.getByRole("button", { name: `Scan ${name}` }).click();
  await expect(page).toHaveURL(/\/sources\/runs\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("alert").filter({ hasText: "The scan failed." })).toContainText(
    `Folder not found: ${folder}`,
    { timeout: 30_000 },
  );
  await expect(page.getByRole("heading", { level: 1 })).toContainText("failed");
});

test("form errors show next to their field and nothing is created", async ({ page, loginAs }) => {
  const name = uniqueName("Broken");
  await loginAs("admin");
  await page.goto("/sources");
  const form = page.getByRole("form", { name: "Add source" });
  await form.getByLabel("Name").fill(name);
  const folders = form.getByLabel("Folders", { exact: true });

  await folders.fill("media/promos");
  await form.getByRole("button", { name: "Add source" }).click();
  await expect(folders).toHaveAccessibleDescription(/Folders must be absolute paths/);
  await expect(folders).toHaveValue("media/promos");

  const missing = path.join(os.tmpdir(), `asset-desk-e2e-absent-${randomBytes(4).toString("hex")}`);
  await folders.fill(missing);
  await form.getByRole("button", { name: "Add source" }).click();
  await expect(folders).toHaveAccessibleDescription(new RegExp(`Folder not found on the server: ${missing}`));

  // A Plex server needs its address and token.
  await form.getByRole("radio", { name: "Plex server" }).check();
  await expect(form.getByLabel("Folders", { exact: true })).toHaveCount(0);
  await form.getByRole("button", { name: "Add source" }).click();
  await expect(form.getByLabel("Server URL")).toHaveAccessibleDescription(/Enter the server's address/);

  await page.reload();
  await expect(page.getByRole("table", { name: "Sources" }).getByRole("link", { name })).toHaveCount(0);
});

test("an admin edits a Plex source without seeing its token, schedules its scans, then deletes it after confirming", async ({
  page,
  loginAs,
}) => {
  const name = uniqueName("Plex");
  await loginAs("admin");
  await page.goto("/sources");
  const form = page.getByRole("form", { name: "Add source" });
  await form.getByRole("radio", { name: "Plex server" }).check();
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Server URL").fill("http://plex.invalid:32400");
  await form.getByLabel("Token").fill("secret-token-wxyz");
  await form.getByLabel("Libraries").fill("Movies");
  await form.getByRole("button", { name: "Add source" }).click();
  await page.getByRole("status").getByRole("link", { name: "Open it" }).click();

  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("region", { name: "Configuration" })).toContainText("••••wxyz");
  await expect(page.getByText("secret-token-wxyz")).toHaveCount(0);
  const edit = page.getByRole("form", { name: "Edit source" });
  await expect(edit.getByLabel("Token")).toHaveValue("");
  await expect(edit.getByLabel("Token")).toHaveAttribute("placeholder", "leave empty to keep ••••wxyz");
  await edit.getByLabel("Libraries").fill("Movies\nTrailers");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.getByRole("status")).toHaveText("Saved.");
  await expect(page.getByRole("region", { name: "Configuration" })).toContainText("Movies, Trailers");
  await expect(page.getByRole("region", { name: "Configuration" })).toContainText("••••wxyz");

  // Scheduled scans: a bad cron expression is refused at its field; every 6 hours shows its next scan.
  await edit.getByLabel("Scheduled scans").selectOption("Cron expression (UTC)");
  await edit.getByLabel("Cron expression").fill("0 25 * * *");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.getByLabel("Cron expression")).toHaveAccessibleDescription(/Not a cron expression/);
  await edit.getByLabel("Scheduled scans").selectOption("Every N hours");
  await edit.getByLabel("Hours between scans").fill("6");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.getByRole("status")).toHaveText("Saved.");
  await expect(page.getByRole("region", { name: "Configuration" })).toContainText(/UTC\s*every 6 hours/);
  await page.goto("/sources");
  const row = page.getByRole("table", { name: "Sources" }).getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("every 6 hours");
  await row.getByRole("link", { name }).click();

  await page.getByRole("button", { name: "Delete source…" }).click();
  await page.getByRole("form", { name: "Confirm delete" }).getByRole("button", { name: "Confirm delete" }).click();
  await expect(page).toHaveURL(/\/sources$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sources" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Sources" }).getByRole("link", { name })).toHaveCount(0);
});

test("a source or run page for a malformed or unknown uuid answers 404", async ({ page, loginAs }) => {
  await loginAs("operator");
  for (const path of [
    "/sources/not-a-uuid",
    `/sources/${randomUUID()}`,
    "/sources/runs/12",
    `/sources/runs/${randomUUID()}`,
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  }
});
