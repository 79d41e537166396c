// Runs once when the server starts: refuse to serve with a configuration that is unsafe.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { missingProductionSettings } = await import("@/lib/env");
  const missing = missingProductionSettings();
  if (missing.length > 0) {
    console.error(`Asset Desk cannot start:\n  ${missing.join("\n  ")}`);
    process.exit(1);
  }
}
