import { missingProductionSettings } from "@/lib/env";

// Imported once at server start (instrumentation.ts): refuse to serve with an unsafe configuration.
const missing = missingProductionSettings();
if (missing.length > 0) {
  console.error(`Asset Desk cannot start:\n  ${missing.join("\n  ")}`);
  process.exit(1);
}
