import { listAssetsRoute } from "@/lib/api/asset-handlers";

export const GET = listAssetsRoute;
