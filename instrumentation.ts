// Runs once when the server starts: refuse an unsafe configuration (may end the process), encrypt
// source secrets an earlier version stored in plain text, then work scan jobs unless dedicated
// workers do. Node-only modules, so imported only in the Node runtime.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  await import("@/lib/startup-check");
  const { sealPlaintextSecretsAtStart } = await import("@/lib/ingest/source-secrets");
  await sealPlaintextSecretsAtStart();
  const { startInlineWorker } = await import("@/lib/jobs/inline-worker");
  await startInlineWorker();
}
