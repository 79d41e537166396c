import { expect, expectNoIntegerIdsInLinks, test } from "./fixtures";

const SECTIONS = [
  { link: "Catalog", heading: "Catalog", path: "/catalog" },
  { link: "Trash", heading: "Trash", path: "/trash" },
  { link: "Audit", heading: "Audit log", path: "/audit" },
  { link: "Sources", heading: "Sources", path: "/sources" },
  { link: "API docs", heading: "API", path: "/api-docs" },
];

for (const { link, heading, path } of SECTIONS) {
  test(`the Main navigation opens ${heading}`, async ({ page, loginAs }) => {
    await loginAs("admin");
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: link }).click();
    await expect(page).toHaveURL(path);
    await expect(page.getByRole("heading", { level: 1, name: heading, exact: true })).toBeVisible();
    await expect(nav.getByRole("link", { name: link })).toHaveAttribute("aria-current", "page");
    await expectNoIntegerIdsInLinks(page);
  });
}
