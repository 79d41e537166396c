import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { makeQcClip } from "../lib/testing/qc-fixtures";
import { expect, test } from "./fixtures";

// QC as the desk lives it: an admin's folder source checks what its scan reads; an editor finds the
// failed clip with the "QC failed" filter, clicks its black stretch on the timeline and the player
// seeks there; bulk approval names the QC failures in its pre-flight, refuses them without an
// override, and approves them with one.

test.describe.configure({ mode: "serial" });

const name = `QC e2e ${randomBytes(3).toString("hex")}`;
let folder: string;

test.beforeAll(async () => {
  folder = mkdtempSync(path.join(os.tmpdir(), "asset-desk-qc-e2e-"));
  // Black 5–10 s, silence 12–16 s, a still picture 14–17 s and a tone at −14 LUFS: fails EBU R128.
  await makeQcClip(path.join(folder, "qc-defects.mp4"), "defects");
});
test.afterAll(() => rmSync(folder, { recursive: true, force: true }));

const failedClips = (page: Page) =>
  page.getByRole("table", { name: "Assets" }).getByRole("link", { name: "qc-defects.mp4", exact: true });

test("a folder source with QC after scan checks the files its scan reads", async ({ page, loginAs }) => {
  test.setTimeout(180_000);
  await loginAs("admin");
  await page.goto("/sources");
  const form = page.getByRole("form", { name: "Add source" });
  await form.getByRole("radio", { name: "Folders on the server" }).check();
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Folders", { exact: true }).fill(folder);
  await form.getByLabel("QC after scan").selectOption("on");
  await form.getByRole("button", { name: "Add source" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Source added." })).toBeVisible();
  await page.getByRole("button", { name: `Scan ${name}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("succeeded", { timeout: 60_000 });

  // The worker checks the clip after the scan: wait for its verdict to reach the table.
  await expect(async () => {
    await page.goto(`/assets?q=${encodeURIComponent(path.basename(folder))}`);
    await expect(page.getByRole("table", { name: "Assets" }).getByText("QC fail")).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 150_000 });
});

test("an editor filters by QC failed, opens the clip and a click on its black stretch seeks the player", async ({
  page,
  loginAs,
}) => {
  await loginAs("editor");
  await page.goto(`/assets?q=${encodeURIComponent(path.basename(folder))}`);
  await page.getByText("More filters").click();
  await page.getByLabel("QC verdict").selectOption({ label: "QC failed" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]qc=fail/);
  await failedClips(page).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("qc-defects.mp4");

  const qc = page.getByRole("region", { name: "QC" });
  await expect(qc.getByRole("list", { name: "QC findings" })).toContainText("Black for 5.0 s at 0:05");
  const preview = page.getByRole("region", { name: "Preview" });
  const video = preview.getByLabel("Media preview");
  await expect(preview.getByRole("list", { name: "QC events" })).toContainText("Silence 0:12.0–0:16.0");
  await preview.getByRole("button", { name: /^Play from Black 0:05\.0–0:10\.0$/ }).click();
  // The player jumps to the black stretch (and may play on from there).
  await expect
    .poll(() => video.evaluate((element: HTMLVideoElement) => element.currentTime))
    .toBeGreaterThanOrEqual(4.9);
  expect(await video.evaluate((element: HTMLVideoElement) => element.currentTime)).toBeLessThan(10);
});

test("bulk approval shows the QC line, refuses QC failures without an override and approves them with one", async ({
  page,
  loginAs,
}) => {
  await loginAs("editor");
  await page.goto(`/assets?q=${encodeURIComponent(path.basename(folder))}&qc=fail&status=pending`);
  await expect(failedClips(page)).toBeVisible();
  await page.getByRole("checkbox", { name: "Select all rows on this page" }).check();
  await page.getByRole("region", { name: "Selection" }).getByRole("button", { name: "Approve…" }).click();
  const dialog = page.getByRole("dialog", { name: "Bulk approve" });
  const summary = dialog.getByRole("status", { name: "Pre-flight summary" });
  await expect(summary).toContainText("0 of 1 selected will be approved.");
  await expect(summary.getByTestId("qc-preflight")).toHaveText(
    "QC: 1 failed QC (skipped unless you override), 0 not checked.",
  );
  await expect(summary).toContainText("It failed QC");
  const confirm = dialog.getByRole("button", { name: "Confirm approve" });
  await expect(confirm).toBeDisabled();

  await dialog.getByLabel(/Approve QC-failed assets anyway/).fill("Black stretch is an intended pause; signed off.");
  await expect(confirm).toBeEnabled();
  await confirm.click();
  await expect(dialog.getByRole("status", { name: "Result" })).toContainText("Done: 1 approved.");
});

test("an editor runs QC in bulk and follows its progress", async ({ page, loginAs }) => {
  test.setTimeout(120_000);
  await loginAs("editor");
  await page.goto(`/assets?q=${encodeURIComponent(path.basename(folder))}`);
  await expect(failedClips(page)).toBeVisible();
  await page.getByRole("checkbox", { name: "Select all rows on this page" }).check();
  await page.getByRole("region", { name: "Selection" }).getByRole("button", { name: "Run QC" }).click();
  const status = page.getByRole("status", { name: "QC request" });
  await expect(status).toContainText("QC queued for 1 of 1 selected.");
  await expect(page.getByRole("status", { name: "QC progress" })).toContainText(
    "Done 1, failed 0, running 0, waiting 0.",
    {
      timeout: 90_000,
    },
  );
});
