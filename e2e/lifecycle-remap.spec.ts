import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, expectNoIntegerIdsInLinks, test } from "./fixtures";

// Re-map paths: an admin scans a folder of real clips (made here with ffmpeg), the share is then
// mounted somewhere else, and the admin re-maps the source — pre-flight first, then the change —
// and undoes it as one batch.

const FFMPEG = process.env.FFMPEG_PATH || "/usr/bin/ffmpeg";
const folders: string[] = [];

test.afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function clip(file: string, seconds: number) {
  execFileSync(FFMPEG, [
    "-v",
    "error",
    "-f",
    "lavfi",
    "-i",
    `testsrc2=size=160x90:rate=10:duration=${seconds}`,
    "-c:v",
    "libx264",
    "-pix_fmt",
    "yuv420p",
    file,
  ]);
}

async function addFolderSource(page: Page, name: string, folder: string) {
  await page.goto("/sources");
  const form = page.getByRole("form", { name: "Add source" });
  await form.getByRole("radio", { name: "Folders on the server" }).check();
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Folders", { exact: true }).fill(folder);
  await form.getByRole("button", { name: "Add source" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Source added." })).toBeVisible();
}

test("an admin re-maps a source's paths after a remount, with the pre-flight, and undoes it", async ({
  page,
  loginAs,
}) => {
  test.slow();
  const base = mkdtempSync(path.join(os.tmpdir(), "asset-desk-e2e-remap-"));
  folders.push(base);
  const share = path.join(base, "mnt/share");
  const remounted = path.join(base, "srv/media");
  mkdirSync(share, { recursive: true });
  mkdirSync(path.dirname(remounted), { recursive: true });
  clip(path.join(share, "promo.mp4"), 1);
  clip(path.join(share, "ident.mp4"), 2);
  const name = `Remount ${randomBytes(3).toString("hex")}`;

  await loginAs("admin");
  await addFolderSource(page, name, share);
  await page.getByRole("button", { name: `Scan ${name}` }).click();
  await expect(page).toHaveURL(/\/sources\/runs\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("succeeded", { timeout: 30_000 });
  await expect(page.getByRole("region", { name: "New (2)" })).toBeVisible();

  // The share is mounted somewhere else now.
  renameSync(share, remounted);
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const form = page.getByRole("form", { name: "Re-map paths" });
  await form.getByLabel("From (old folder)").fill(share);
  await form.getByLabel("To (new folder)").fill(remounted);
  await form.getByRole("button", { name: "Preview" }).click();
  const preflight = page.getByRole("region", { name: "Pre-flight" });
  await expect(preflight).toContainText(`2 assets under ${share}; 0 conflicts`);
  await expect(preflight.getByRole("list", { name: "Examples" }).getByRole("listitem")).toHaveText([
    `${path.join(share, "ident.mp4")} → ${path.join(remounted, "ident.mp4")}`,
    `${path.join(share, "promo.mp4")} → ${path.join(remounted, "promo.mp4")}`,
  ]);
  await expect(preflight).toContainText(`The source's folders become: ${remounted}`);

  await form.getByRole("button", { name: "Re-map 2 assets" }).click();
  const result = page.getByRole("status", { name: "Re-map result" });
  await expect(result).toContainText("Re-mapped 2 assets; 0 skipped");
  await expect(page.getByRole("region", { name: "Configuration" })).toContainText(remounted);
  await expectNoIntegerIdsInLinks(page);

  // The assets are where the files are: the table finds them under the new folder.
  await result.getByRole("button", { name: "Undo re-map" }).click();
  await expect(result.getByRole("status")).toContainText("Undone: 2 back; 0 changed since");
  await page.reload();
  await expect(page.getByRole("region", { name: "Configuration" })).toContainText(share);
  await expect(page.getByRole("region", { name: "Configuration" })).not.toContainText(remounted);
  await page.goto(`/assets?q=${encodeURIComponent(share)}&per=100`);
  await expect(
    page.getByRole("table", { name: "Assets" }).getByRole("link", { name: "promo.mp4", exact: true }),
  ).toBeVisible();
});
