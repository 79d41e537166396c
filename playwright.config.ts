import { defineConfig, devices } from "@playwright/test";

// The app is built before Playwright runs (`npm run test:e2e`); e2e/serve.js serves that build on a
// database of its own. The browser is the system's Chromium (e2e/require-chromium.js checks for it).
const port = Number(process.env.E2E_PORT || 3100);
const baseURL = `http://127.0.0.1:${port}`;
const ci = Boolean(process.env.CI);

export default defineConfig({
  testDir: "e2e",
  forbidOnly: ci,
  retries: 0,
  // Ceilings, not waits: every step waits for a state. CI shares two cores with other work, where a
  // cold page or an argon2 sign-in can take many seconds (seen: 11 s for one navigation with the load
  // at 18 on 2 cores), so the ceilings are higher there. A passing run takes no longer for them.
  timeout: ci ? 180_000 : 30_000,
  expect: { timeout: ci ? 30_000 : 5_000 },
  // Two cores: the server and the browsers share them.
  workers: 2,
  reporter: ci ? "list" : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "node e2e/serve.js",
    url: baseURL,
    env: { E2E_PORT: String(port) },
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    // SIGTERM (not the default SIGKILL) lets serve.js stop the server and drop its database.
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
  },
});
