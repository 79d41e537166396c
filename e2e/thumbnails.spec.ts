import { expect, test } from "./fixtures";

// Posters in the asset table and hover-scrubbing on the detail page, on the demo seed's real
// sample clips (lib/seed/samples.ts). The first look at a row queues its pictures; a worker in the
// server makes them; the page shows them once they exist.

const CLIP = "sample-h264-aac.mp4";

test("the table shows a sample clip's poster, and a placeholder where there is none", async ({ page, loginAs }) => {
  await loginAs("operator");
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: CLIP, exact: true }) });
  const poster = row.getByRole("img", { name: `Poster of ${CLIP}` });
  // Wait for the state, not for a time: reload until the worker has made the picture (the first
  // look queued it) and the browser has decoded it. Generous ceilings: two shared cores.
  test.slow();
  await expect(async () => {
    await page.goto(`/assets?q=${CLIP}`);
    await expect
      .poll(() => poster.evaluate((image: HTMLImageElement) => image.naturalWidth, undefined, { timeout: 5_000 }), {
        timeout: 10_000,
      })
      .toBeGreaterThan(0);
  }).toPass({ timeout: 120_000 });
  await expect(row.locator("[data-thumbnail]")).toHaveAttribute("data-thumbnail", "image");

  // A demo asset without a file the desk can read: the neutral box, same size.
  await page.goto("/assets?q=Starlight");
  const placeholder = page.locator('[data-thumbnail="placeholder"]').first();
  await expect(placeholder).toBeVisible();
  expect(await placeholder.evaluate((box) => [box.clientWidth, box.clientHeight])).toEqual([64, 36]);
});

test("hovering the scrub strip shows the tile for that time", async ({ page, loginAs }) => {
  test.slow();
  await loginAs("operator");
  await page.goto(`/assets?q=${CLIP}`);
  await page.getByRole("link", { name: CLIP, exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(CLIP);
  const preview = page.getByRole("region", { name: "Preview" });
  const strip = preview.getByRole("slider", { name: "Scrub strip" });
  await expect(async () => {
    await page.reload();
    await expect(strip).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 120_000 });

  const box = (await strip.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2);
  const tile = preview.getByRole("img", { name: /^Frame at 0:0\d$/ });
  await expect(tile).toBeVisible();
  expect(await tile.evaluate((element) => getComputedStyle(element).backgroundImage)).toContain("/strip.jpg");
});
