import { expect, test as base, type Page } from "@playwright/test";

export type Role = "operator" | "editor" | "admin";

/** The demo seed's password (e2e/serve.js seeds with the same environment). */
export const DEMO_PASSWORD = process.env.DEMO_PASSWORD || "asset-desk-demo";

/** Signs in through the login form, as a person does, and waits to leave the login page. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // A cold server's first sign-in (argon2, first render of the dashboard) can take seconds on a busy machine.
  await expect(page).not.toHaveURL(/\/login/, { timeout: 15_000 });
}

// Fixtures every desk spec gets.
type DeskFixtures = {
  /** Uncaught errors thrown in the page; the test fails if any were thrown. */
  pageErrors: Error[];
  /** Signs the page in as the demo user of that role. */
  loginAs: (role: Role) => Promise<void>;
};

export const test = base.extend<DeskFixtures>({
  pageErrors: [
    async ({ page }, provide) => {
      const errors: Error[] = [];
      page.on("pageerror", (error) => errors.push(error));
      await provide(errors);
      expect(
        errors.map((error) => error.message),
        "uncaught errors in the page",
      ).toEqual([]);
    },
    { auto: true },
  ],
  // Playwright's fixture callback is named `provide` here: ESLint's React rules read `use` as a hook.
  loginAs: async ({ page }, provide) => {
    await provide((role) => signIn(page, `${role}@demo.local`));
  },
});

export { expect };

/** Uuids outward, integer ids inward: no link on the page may carry an integer id in its path. */
export async function expectNoIntegerIdsInLinks(page: Page) {
  const hrefs = await page
    .locator("a[href]")
    .evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  expect(hrefs.length, `links on ${page.url()}`).toBeGreaterThan(0);
  const offending = hrefs.filter((href) =>
    new URL(href, page.url()).pathname.split("/").some((segment) => /^\d+$/.test(segment)),
  );
  expect(offending, `links with an integer path segment on ${page.url()}`).toEqual([]);
}

/** A version-4 uuid in canonical lower-case form, as the desk's URLs carry it. */
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * Opens an asset's detail page from the asset list by its file name, as a person finds it. A click
 * on a table link while the page still hydrates can be dropped by the client router (seen once in
 * CI: the list stayed, no request left), so the click is repeated until the detail page shows.
 */
export async function openAssetByName(page: Page, file: string) {
  await page.goto("/assets");
  const heading = page.getByRole("heading", { level: 1 });
  await expect(async () => {
    if (!/\/assets\/[0-9a-f-]{36}/.test(page.url()))
      await page.getByRole("link", { name: file, exact: true }).first().click({ timeout: 15_000 });
    await expect(heading).toContainText(file, { timeout: 15_000 });
  }).toPass({ timeout: 120_000 });
}
