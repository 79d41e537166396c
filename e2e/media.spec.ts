import type { Page } from "@playwright/test";
import { expect, openAssetByName, test } from "./fixtures";

// The detail page's media preview on the demo seed's real sample clips (lib/seed/samples.ts).

/** Opens a sample clip's detail page from the asset list, as a person finds it; returns its uuid. */
async function openSample(page: Page, file: string): Promise<string> {
  await openAssetByName(page, file);
  return (await page.getByTestId("asset-uuid").textContent()) ?? "";
}

test("an MP4 clip plays in the preview", async ({ page, loginAs }) => {
  await loginAs("operator");
  await openSample(page, "sample-h264-aac.mp4");
  const video = page.getByRole("region", { name: "Preview" }).getByLabel("Media preview");
  await expect(video).toBeVisible();

  await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.readyState)).toBeGreaterThanOrEqual(2);
  expect(await video.evaluate((element: HTMLVideoElement) => element.duration)).toBeCloseTo(12, 0);
  // Muted, so that the browser's autoplay policy allows play() without a user gesture.
  await video.evaluate((element: HTMLVideoElement) => {
    element.muted = true;
    return element.play();
  });
  await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.currentTime)).toBeGreaterThan(0.5);
  expect(await video.evaluate((element: HTMLVideoElement) => element.error)).toBeNull();
  await expect(page.getByRole("region", { name: "Preview" }).getByRole("alert")).toHaveCount(0);
});

test("a format browsers cannot play as it is is not sent as it is: the media route points at the preview", async ({
  page,
  loginAs,
}) => {
  await loginAs("operator");
  const uuid = await openSample(page, "sample-mpeg2-mp2.ts");
  await expect(page.getByTestId("preview-mode")).toHaveText("transcoded: MPEG-2/MP2 in MPEG-TS");

  const response = await page.request.get(`/api/v1/assets/${uuid}/media`);
  expect(response.status()).toBe(415);
  expect(await response.json()).toMatchObject({
    code: "unsupported_media",
    detail: expect.stringContaining("transcoded"),
  });
  const preview = await page.request.get(`/api/v1/assets/${uuid}/preview`);
  expect(await preview.json()).toEqual({
    mode: "transcode",
    why: "transcoded: MPEG-2/MP2 in MPEG-TS",
    source: "file",
    url: `/api/v1/assets/${uuid}/preview/index.m3u8`,
    durationMs: 12_000,
  });
});

test("the media route streams byte ranges to a signed-in user and refuses anonymous requests", async ({
  page,
  request,
  loginAs,
}) => {
  await loginAs("operator");
  const uuid = await openSample(page, "sample-h264-aac.mp4");
  const url = `/api/v1/assets/${uuid}/media`;

  const anonymous = await request.get(url);
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.json()).toMatchObject({ status: 401, code: "unauthenticated" });

  const partial = await page.request.get(url, { headers: { Range: "bytes=0-99" } });
  expect(partial.status()).toBe(206);
  // Next 16 drops Content-Length from route-handler responses (they go out chunked); Content-Range carries the sizes.
  expect(partial.headers()).toMatchObject({
    "accept-ranges": "bytes",
    "content-type": "video/mp4",
    "cache-control": "private, no-store",
  });
  expect(partial.headers()["content-range"]).toMatch(/^bytes 0-99\/\d+$/);
  expect((await partial.body()).length).toBe(100);
});
