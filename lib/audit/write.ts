import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AuditAction } from "@/lib/audit/actions";
import { log } from "@/lib/log";

/** Who did it: a signed-in user, or the CLI run by an operator on the server. */
export interface AuditActor {
  id: number | null;
  uuid: string | null;
  email: string;
  /** The API token the request was made with: recorded next to its owner. */
  apiTokenUuid?: string | null;
}

export interface AuditEntry {
  action: AuditAction;
  targetType:
    | "asset"
    | "user"
    | "catalog_asset"
    | "saved_view"
    | "source"
    | "scan_run"
    | "api_token"
    | "thumbnail_request"
    | "desk_settings"
    | "probe_run"
    | "qc_request"
    | "qc_profile"
    | "asset_note";
  targetUuid: string;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
  batchUuid?: string;
}

type Tx = { auditEvent: Pick<Prisma.TransactionClient["auditEvent"], "createMany"> };

/** Call inside the transaction of the change it records, so both commit or neither does. */
export async function writeAudit(tx: Tx, actor: AuditActor, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  for (const entry of entries)
    log.info(
      {
        action: entry.action,
        actor: actor.uuid ?? actor.email,
        apiToken: actor.apiTokenUuid ?? undefined,
        targetType: entry.targetType,
        targetUuid: entry.targetUuid,
      },
      "change",
    );
  await tx.auditEvent.createMany({
    data: entries.map((entry) => ({
      ...entry,
      actorId: actor.id,
      actorUuid: actor.uuid,
      actorEmail: actor.email,
      apiTokenUuid: actor.apiTokenUuid ?? null,
    })),
  });
}
