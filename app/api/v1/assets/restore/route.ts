import { bulkRoute } from "@/lib/api/bulk-route";

export const POST = bulkRoute("restore");
