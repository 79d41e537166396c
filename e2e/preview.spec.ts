import type { Locator, Page } from "@playwright/test";
import { expect, openAssetByName, test } from "./fixtures";

// Every format previews in the browser: the demo seed's clips (lib/seed/samples.ts) in each way the
// desk plays them, each from its first frame and from a seek to 75 %.

test.describe.configure({ mode: "serial" });

async function openSample(page: Page, file: string): Promise<Locator> {
  await openAssetByName(page, file);
  return page.getByRole("region", { name: "Preview" }).getByLabel("Media preview");
}

const state = (video: Locator) =>
  video.evaluate((element: HTMLVideoElement) => ({
    readyState: element.readyState,
    currentTime: element.currentTime,
    duration: element.duration,
    error: element.error?.code ?? null,
  }));

/** A frame is decoded (readyState ≥ 2) and time moves on from `from`. */
async function expectPlaying(video: Locator, from: number) {
  await expect.poll(async () => (await state(video)).readyState).toBeGreaterThanOrEqual(2);
  // Muted, so that the browser's autoplay policy allows play() without a user gesture.
  await video.evaluate((element: HTMLVideoElement) => {
    element.muted = true;
    return element.play();
  });
  await expect.poll(async () => (await state(video)).currentTime).toBeGreaterThan(from + 0.5);
  expect((await state(video)).error).toBeNull();
}

const CLIPS = [
  {
    file: "sample-h264-aac.mkv",
    mode: "remux",
    why: "remuxed: H.264/AAC in Matroska (MKV), rewrapped without re-encoding",
  },
  { file: "sample-mpeg2-mp2.ts", mode: "transcode", why: "transcoded: MPEG-2/MP2 in MPEG-TS" },
  { file: "sample-mpeg4-mp3.avi", mode: "transcode", why: "transcoded: MPEG-4 Part 2/MP3 in AVI" },
  { file: "sample-hevc-ac3.mkv", mode: "transcode", why: "transcoded: HEVC (H.265)/AC-3 in Matroska (MKV)" },
  { file: "sample-prores-pcm.mov", mode: "transcode", why: "transcoded: ProRes/PCM in QuickTime (MOV)" },
] as const;

for (const clip of CLIPS) {
  test(`${clip.file} plays (${clip.mode}) from its first frame and from 75 %`, async ({ page, loginAs }) => {
    await loginAs("operator");
    const video = await openSample(page, clip.file);
    await expect(page.getByTestId("preview-mode")).toHaveText(clip.why);
    await expect(video).toHaveAttribute("data-mode", clip.mode);

    await expectPlaying(video, 0);
    const { duration } = await state(video);
    expect(duration).toBeCloseTo(12, 0);

    const target = duration * 0.75;
    await video.evaluate((element: HTMLVideoElement, time) => {
      element.currentTime = time;
    }, target);
    await expect.poll(async () => (await state(video)).currentTime).toBeGreaterThan(target + 0.5);
    expect((await state(video)).readyState).toBeGreaterThanOrEqual(2);
    await expect(page.getByRole("region", { name: "Preview" }).getByRole("alert")).toHaveCount(0);
  });
}

test("Space previews the active row beside the table, and j / k move the preview with the row", async ({
  page,
  loginAs,
}) => {
  await loginAs("operator");
  await page.goto("/assets?q=sample-&sort=uri&dir=asc");
  const table = page.getByRole("table", { name: "Assets" });
  await expect(table.getByRole("link", { name: "sample-h264-aac.mkv", exact: true })).toBeVisible();
  // The keys work once the table's script has loaded; the hint says so.
  await expect(page.getByText("for keyboard shortcuts")).toBeVisible();

  await page.keyboard.press("Space");
  const panel = page.getByRole("complementary", { name: "Quick preview" });
  await expect(panel.getByRole("heading")).toHaveText("sample-h264-aac.mkv");
  await expect(page).toHaveURL(/\/assets\?/);
  const video = panel.getByLabel("Media preview");
  await expect(video).toHaveAttribute("data-mode", "remux");
  await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.currentTime)).toBeGreaterThan(0.5);

  await page.keyboard.press("j");
  await expect(panel.getByRole("heading")).toHaveText("sample-h264-aac.mp4");
  await expect(panel.getByLabel("Media preview")).toHaveAttribute("data-mode", "direct");
  await page.keyboard.press("k");
  await expect(panel.getByRole("heading")).toHaveText("sample-h264-aac.mkv");
  await page.keyboard.press("Escape");
  await expect(panel).toHaveCount(0);
});
