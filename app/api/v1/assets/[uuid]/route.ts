import { getAssetRoute } from "@/lib/api/asset-handlers";

export const GET = getAssetRoute;
