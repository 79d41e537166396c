import { bulkRoute } from "@/lib/api/asset-handlers";

export const POST = bulkRoute("promote");
