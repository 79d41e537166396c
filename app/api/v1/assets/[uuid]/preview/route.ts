import { assetPreviewEndpoint } from "@/lib/api/endpoints";
import { apiRoute } from "@/lib/api/handler";
import { getDb } from "@/lib/db";
import { KnownError } from "@/lib/errors";
import { loadPreview, previewView } from "@/lib/preview/preview";

// How the asset previews: what the player loads and why (lib/preview/plan.ts).
export const GET = apiRoute(assetPreviewEndpoint, async ({ actor, params }) => {
  const preview = await loadPreview(await getDb(), params.uuid, actor!.role);
  if (!preview) throw new KnownError("not_found", "No asset has this uuid.");
  return previewView(preview);
});
