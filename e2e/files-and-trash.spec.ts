import type { Browser } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

// Two of the attacks issue 11 reproduced against a running desk, replayed in the browser: an
// operator pointing an asset at /etc/passwd to read it through the media preview, and deleted
// assets readable by every role.

test("an operator cannot point an asset's file at /etc/passwd; nothing is saved", async ({ page, loginAs }) => {
  await loginAs("operator");
  await page.goto("/assets?status=pending&q=news_open&per=25");
  await page.getByRole("table", { name: "Assets" }).getByRole("row").nth(1).locator("td[data-column='uri'] a").click();
  await expect(page).toHaveURL(/\/assets\/[0-9a-f-]{36}$/);
  const form = page.getByRole("form", { name: "Edit asset" });
  const original = await form.getByLabel("File path").inputValue();

  await form.getByLabel("File path").fill("/etc/passwd");
  await form.getByLabel("Container").fill("mp4");
  await form.getByLabel("Video codec").fill("h264");
  await form.getByLabel("Audio codec").fill("aac");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form.getByRole("alert")).toContainText("inside a source's folders");

  await page.reload();
  await expect(page.getByRole("form", { name: "Edit asset" }).getByLabel("File path")).toHaveValue(original);
  await expect(page.getByRole("region", { name: "History" })).not.toContainText("asset.update");
});

test("an editor deletes an asset and it is gone for them and for operators; an admin still sees it", async ({
  page,
  browser,
  loginAs,
}) => {
  // Three people sign in (argon2 each) and the list renders after the delete: more than the default on a busy machine.
  test.slow();
  await loginAs("editor");
  await page.goto("/assets?status=pending&q=soda_ad&per=25");
  await page.getByRole("table", { name: "Assets" }).getByRole("row").nth(1).locator("td[data-column='uri'] a").click();
  await expect(page).toHaveURL(/\/assets\/[0-9a-f-]{36}$/);
  const uuid = (await page.getByTestId("asset-uuid").textContent())!.trim();

  const workflow = page.getByRole("region", { name: "Workflow" });
  await workflow.getByLabel("Reason (optional)").fill("e2e: not ours to keep");
  await workflow.getByRole("button", { name: "Delete" }).click();
  // Back to the list (the delete, then the list's first page): the asset is the trash's now.
  await expect(page).toHaveURL(/\/assets$/, { timeout: 15_000 });

  const operator = await signedIn(browser, "operator@demo.local");
  for (const reader of [page, operator]) {
    const detail = await reader.goto(`/assets/${uuid}`);
    expect(detail?.status()).toBe(404);
    await expect(reader.getByRole("heading", { name: "Asset not found" })).toBeVisible();
    const api = await reader.request.get(`/api/v1/assets/${uuid}`);
    expect(api.status()).toBe(404);
    expect(await api.text()).not.toContain("not ours to keep");
    expect((await reader.request.get(`/api/v1/assets/${uuid}/media`)).status()).toBe(404);
  }

  const admin = await signedIn(browser, "admin@demo.local");
  await admin.goto(`/assets/${uuid}`);
  await expect(admin.getByTestId("asset-uuid")).toHaveText(uuid);
  await expect(admin.getByRole("region", { name: "Workflow" }).getByRole("button", { name: "Restore" })).toBeVisible();
  expect((await admin.request.get(`/api/v1/assets/${uuid}`)).status()).toBe(200);
  await Promise.all([operator.context().close(), admin.context().close()]);
});

async function signedIn(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}
