// Run before the end-to-end tests: Playwright drives the system's Chromium (Debian package), never a
// browser it downloads itself, so fail early with the fix instead of a launch error deep in a test.
import { accessSync, constants } from "node:fs";

const executable = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

try {
  accessSync(executable, constants.X_OK);
} catch {
  console.error(`End-to-end tests need Chromium, and there is no executable at ${executable}.

  Install Debian's package:   sudo apt-get install -y chromium
  or point at another build:  CHROMIUM_PATH=/path/to/chromium npm run test:e2e

Do not run \`npx playwright install\`: the tests use the system browser.`);
  process.exit(1);
}
