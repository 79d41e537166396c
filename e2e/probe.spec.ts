import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { makeProbeFixtures, type ProbeFixture } from "../lib/testing/probe-fixtures";
import { expect, signIn, test } from "./fixtures";

// The full probe in the desk: an admin scans a folder of clips ffmpeg made with known streams (and
// a file of the clean clip's size that is not media); an operator filters the table by resolution,
// scan and HDR and opens a clip's Streams; an editor fixes the broken file in place (same size, same
// time, so a rescan would skip it), probes it again, and can then approve it.

const folder = mkdtempSync(path.join(os.tmpdir(), "asset-desk-e2e-probe-"));
const broken = path.join(folder, "probe", "fixed-later.mp4");
const MTIME = new Date("2026-01-02T03:04:05.000Z");
let clips: Record<ProbeFixture, string>;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  clips = await makeProbeFixtures(folder);
  writeFileSync(broken, randomBytes(statSync(clips.clean).size));
  utimesSync(broken, MTIME, MTIME);
  const page = await browser.newPage();
  await signIn(page, "admin@demo.local");
  const name = `Probe clips ${randomBytes(3).toString("hex")}`;
  await page.goto("/sources");
  const form = page.getByRole("form", { name: "Add source" });
  await form.getByRole("radio", { name: "Folders on the server" }).check();
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Folders", { exact: true }).fill(folder);
  await form.getByRole("button", { name: "Add source" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Source added." })).toBeVisible();
  await page.getByRole("button", { name: `Scan ${name}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("succeeded", { timeout: 60_000 });
  await page.close();
});

test.afterAll(() => rmSync(folder, { recursive: true, force: true }));

const table = (page: Page) => page.getByRole("table", { name: "Assets" });
const fileLink = (page: Page, file: string) =>
  table(page).getByRole("link", { name: path.basename(file), exact: true });

async function filter(page: Page, choose: (bar: ReturnType<Page["getByRole"]>) => Promise<unknown>) {
  await page.goto(`/assets?q=${encodeURIComponent(folder)}`);
  const bar = page.getByRole("search", { name: "Filter assets" });
  await bar.getByText("More filters").click();
  await choose(bar);
  await bar.getByRole("button", { name: "Apply filters" }).click();
}

test("an operator filters by resolution, interlacing and HDR, and reads a clip's streams", async ({
  page,
  loginAs,
}) => {
  test.setTimeout(90_000);
  await loginAs("operator");

  await filter(page, (bar) => bar.getByLabel("Interlaced").selectOption("yes"));
  await expect(page).toHaveURL(/interlaced=yes/);
  await expect(fileLink(page, clips.interlaced)).toBeVisible();
  await expect(table(page).getByRole("link", { name: /\.(mp4|mkv)$/ })).toHaveCount(0);

  await filter(page, (bar) => bar.getByRole("checkbox", { name: "720p" }).check());
  await expect(fileLink(page, clips.clean)).toBeVisible();
  await expect(fileLink(page, broken)).toHaveCount(0); // no full probe: matches no probe filter
  await expect(fileLink(page, clips.hlg)).toHaveCount(0);

  await filter(page, (bar) => bar.getByLabel("HDR").selectOption("yes"));
  await expect(fileLink(page, clips.hlg)).toBeVisible();
  await expect(fileLink(page, clips.clean)).toHaveCount(0);

  await fileLink(page, clips.hlg).click();
  const streams = page.getByRole("region", { name: "Streams" });
  const video = streams.getByRole("group", { name: "Video 1" });
  await expect(video).toContainText("1920×1080");
  await expect(video).toContainText("HLG (arib-std-b67)");
  await expect(video).toContainText("10-bit");
  await expect(video).toContainText("progressive");
});

test("a probe-failed file fixed in place is probed again and can then be approved", async ({ page, loginAs }) => {
  test.setTimeout(90_000);
  writeFileSync(broken, readFileSync(clips.clean));
  utimesSync(broken, MTIME, MTIME);
  await loginAs("editor");
  await page.goto(`/assets?q=${encodeURIComponent(broken)}`);
  await fileLink(page, broken).click();
  await expect(page.getByRole("status", { name: "File problems" })).toContainText("Probe failed");

  await page.getByRole("button", { name: "Probe again" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Read again: what the desk records changed." }),
  ).toBeVisible();
  await expect(page.getByRole("status", { name: "File problems" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Streams" }).getByRole("group", { name: "Video 1" })).toContainText(
    "1280×720",
  );

  await page.getByRole("region", { name: "Workflow" }).getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("approved");
});
