import { exportAssetsRoute } from "@/lib/api/asset-handlers";

export const GET = exportAssetsRoute;
