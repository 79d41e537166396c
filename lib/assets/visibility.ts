import type { AuditActor } from "@/lib/audit/write";
import { can } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/client";

// Who may see soft-deleted assets: the one home of that rule (plain, so the browser's tabs ask it
// too). Below `trash.manage` a deleted asset does not exist: the detail page, the API, the media
// route, "same content", pre-flight summaries and bulk or single changes by uuid or by filter all
// answer as they would for an unknown uuid, so not even its existence shows. lib/assets/scope.ts
// turns the answer into query conditions.

/** A signed-in user's role, or "server" for the command line, seeds and benchmarks run on the server itself. */
export type Viewer = Role | "server";

/** Someone who changes assets, and whose role decides which assets they can reach. */
export type ActingViewer = AuditActor & { role: Viewer };

export function seesDeletedAssets(viewer: Viewer): boolean {
  return viewer === "server" || can(viewer, "trash.manage");
}
