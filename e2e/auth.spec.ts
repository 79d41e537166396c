import { randomUUID } from "node:crypto";
import { DEMO_PASSWORD, expect, signIn, test, type Role } from "./fixtures";

// What each role sees after signing in (lib/auth/permissions.ts decides; pages only hide links).
const NAV: Record<Role, string[]> = {
  operator: ["Assets", "Catalog", "Sources", "API docs"],
  editor: ["Assets", "Catalog", "Sources", "API docs"],
  admin: ["Assets", "Catalog", "Trash", "Audit", "Sources", "Users", "API tokens", "QC profiles", "API docs"],
};

for (const role of ["operator", "editor", "admin"] as const) {
  test(`${role} signs in, sees what the role allows, and signs out`, async ({ page, loginAs }) => {
    await loginAs(role);
    const user = page.getByLabel("Signed-in user");
    await expect(user).toContainText(`${role}@demo.local`);
    await expect(user).toContainText(role, { ignoreCase: true });
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(NAV[role]);

    await page.goto("/trash");
    const trashHeading = role === "admin" ? "Trash" : "Not allowed";
    await expect(page.getByRole("heading", { level: 1, name: trashHeading, exact: true })).toBeVisible();
    await page.goto("/users");
    await expect(
      page.getByRole("heading", { level: 1, name: role === "admin" ? "Users" : "Not allowed", exact: true }),
    ).toBeVisible();

    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/assets");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fassets$/);
  });
}

test("an anonymous visitor is sent to sign in and then to the page they asked for", async ({ page }) => {
  await page.goto("/catalog");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fcatalog$/);
  await page.getByLabel("Email").fill("editor@demo.local");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/catalog$/);
  await expect(page.getByRole("heading", { level: 1, name: "Catalog" })).toBeVisible();
});

test("unknown email and wrong password get the same message", async ({ page }) => {
  for (const [email, password] of [
    [`nobody-${randomUUID()}@demo.local`, DEMO_PASSWORD],
    ["operator@demo.local", "not the password"],
  ] as const) {
    await page.goto("/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  }
});

test("repeated failures for one account are refused with how long to wait", async ({ page }) => {
  const email = `guess-${randomUUID()}@demo.local`;
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.getByLabel("Password").fill(`wrong ${attempt}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
  }
  await page.getByLabel("Password").fill("sixth try");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Too many sign-in attempts. Try again in 1 minute.")).toBeVisible();
});

test("a user disabled by an admin is refused at their next action", async ({ page, browser, loginAs }) => {
  test.slow(); // two sign-ins and a new user: over 30 s on a busy machine
  const email = `second-admin-${randomUUID().slice(0, 8)}@demo.local`;
  const password = "a long enough password";
  await loginAs("admin");
  await page.goto("/users");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Name").fill("Second Admin");
  await page.getByLabel("Role", { exact: true }).selectOption("admin");
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByText("User created.")).toBeVisible();

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, email, password);
  await otherPage.goto("/users");
  await expect(otherPage.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();

  await page.reload();
  await page.getByRole("button", { name: `Disable ${email}` }).click();
  await expect(page.getByRole("row", { name: email })).toContainText("Disabled");

  // The disabled admin still has the page open: the action itself refuses (their session has ended).
  await otherPage.getByRole("button", { name: "Save role of operator@demo.local" }).click();
  await expect(otherPage.getByText("Sign in to continue.")).toBeVisible();
  await otherPage.reload();
  await expect(otherPage).toHaveURL(/\/login/);
  await other.close();
});

test("every page carries the security headers", async ({ request }) => {
  const response = await request.get("/login");
  const headers = response.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
});

test("signing in sets a long-lived, http-only device cookie; signed in, the login page sends callbackUrl only to the desk", async ({
  page,
  context,
  loginAs,
}) => {
  await loginAs("editor");
  const device = (await context.cookies()).find((cookie) => /asset-desk\.device$/.test(cookie.name));
  expect(device).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
  expect(device!.expires * 1000).toBeGreaterThan(Date.now() + 300 * 24 * 3600 * 1000);

  // %2F%09%2Fevil.example is "/<TAB>/evil.example", which a browser reads as //evil.example.
  for (const target of [
    "%2F%09%2Fevil.example",
    "%2F%2Fevil.example",
    "%2F%5Cevil.example",
    "https%3A%2F%2Fevil.example",
    "javascript%3Aalert(1)",
  ]) {
    const response = await page.request.get(`/login?callbackUrl=${target}`, { maxRedirects: 0 });
    expect(response.status(), target).toBe(307);
    expect(response.headers()["location"], target).toBe("/");
  }
  const inside = await page.request.get("/login?callbackUrl=%2Fcatalog%3Fdir%3Dasc", { maxRedirects: 0 });
  expect(inside.headers()["location"]).toBe("/catalog?dir=asc");
});

test("the REST API takes changes with the session cookie only as JSON from the desk's own pages", async ({
  page,
  loginAs,
}) => {
  await loginAs("editor");
  await page.goto("/assets");
  const post = (contentType: string) =>
    page.evaluate(async (type) => {
      const response = await fetch("/api/v1/assets/approve", {
        method: "POST",
        headers: { "content-type": type },
        body: JSON.stringify({ filter: { q: "no asset is called this" } }),
      });
      return { status: response.status, code: ((await response.json()) as { code?: string }).code };
    }, contentType);
  expect(await post("text/plain")).toEqual({ status: 403, code: "forbidden" });
  expect(await post("application/json")).toMatchObject({ status: 200 });
});

test("sign out everywhere ends the user's sessions in every browser; an admin can do it for a user", async ({
  page,
  browser,
  loginAs,
}) => {
  test.slow(); // four sign-ins in three browsers
  const email = `sessions-${randomUUID().slice(0, 8)}@demo.local`;
  const password = "a long enough password";
  await loginAs("admin");
  await page.goto("/users");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Name").fill("Many Browsers");
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByText("User created.")).toBeVisible();

  const laptop = await browser.newContext();
  const phone = await browser.newContext();
  const laptopPage = await laptop.newPage();
  const phonePage = await phone.newPage();
  await signIn(laptopPage, email, password);
  await signIn(phonePage, email, password);

  await phonePage.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(phonePage).toHaveURL(/\/login/);
  await laptopPage.goto("/catalog");
  await expect(laptopPage).toHaveURL(/\/login/);

  await signIn(laptopPage, email, password);
  await page.reload();
  await page.getByRole("button", { name: `Sign out ${email} everywhere` }).click();
  await expect(page.getByRole("row", { name: email }).getByText("Signed out everywhere.")).toBeVisible();
  await laptopPage.goto("/catalog");
  await expect(laptopPage).toHaveURL(/\/login/);
  // The admin's own session is untouched.
  await page.goto("/users");
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await laptop.close();
  await phone.close();
});

test("guessing an account's password from elsewhere does not lock out the browser its owner signed in with", async ({
  page,
  browser,
  loginAs,
}) => {
  test.slow(); // an admin makes the user; three browsers sign in
  const email = `device-${randomUUID().slice(0, 8)}@demo.local`;
  const password = "a long enough password";
  await loginAs("admin");
  await page.goto("/users");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Name").fill("Known Browser");
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByText("User created.")).toBeVisible();

  const owner = await browser.newContext();
  const ownerPage = await owner.newPage();
  await signIn(ownerPage, email, password);
  await ownerPage.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(ownerPage).toHaveURL(/\/login/);

  const guesser = await browser.newContext();
  const guesserPage = await guesser.newPage();
  await guesserPage.goto("/login");
  await guesserPage.getByLabel("Email").fill(email);
  for (let attempt = 1; attempt <= 5; attempt++) {
    await guesserPage.getByLabel("Password").fill(`guess ${attempt}`);
    await guesserPage.getByRole("button", { name: "Sign in" }).click();
    await expect(guesserPage.getByText("Email or password is incorrect.")).toBeVisible();
  }
  // Even the right password is refused from a browser the account has not signed in with.
  await guesserPage.getByLabel("Password").fill(password);
  await guesserPage.getByRole("button", { name: "Sign in" }).click();
  await expect(guesserPage.getByText("Too many sign-in attempts. Try again in 1 minute.")).toBeVisible();

  await signIn(ownerPage, email, password);
  await expect(ownerPage.getByLabel("Signed-in user")).toContainText(email);
  await owner.close();
  await guesser.close();
});
