import "server-only";
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

// Sign-in throttling, stored in the database so every app instance sees the same counts.
//
// An attempt is written (as a failure) before its password is verified, under a per-account and a
// per-address advisory lock: parallel guesses queue on the lock, and once the limit of failures is
// reached the rest are refused without a verification. Past the limit each further failure doubles
// the wait (1, 2, 4, 8 minutes, then 15 at most), counted from the latest failure; failures older
// than FAILURE_MEMORY_MS count for nothing, and a success clears an account's (or device's) earlier
// failures. Attempts from a browser with a valid device cookie for the account are counted per
// device and are not held back by the account's or the address's count (lib/auth/device-cookie.ts).

export const MAX_FAILURES_PER_ACCOUNT = 5;
// Higher per address: a newsroom behind one NAT address must not lock itself out.
export const MAX_FAILURES_PER_ADDRESS = 20;
export const MAX_FAILURES_PER_DEVICE = 5;
export const FIRST_DELAY_MS = 60_000;
export const MAX_DELAY_MS = 15 * 60_000;
export const FAILURE_MEMORY_MS = 60 * 60_000;

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export interface LoginClient {
  email: string;
  clientAddress: string;
  /** The device cookie's id, when the attempt carried a valid one for this email. */
  device: string | null;
}

/** How long to wait after `failures` failures in a row, given the scope's limit. */
export function lockoutDelayMs(failures: number, limit: number): number {
  if (failures < limit) return 0;
  return Math.min(FIRST_DELAY_MS * 2 ** Math.min(failures - limit, 30), MAX_DELAY_MS);
}

interface Scope {
  where: Prisma.LoginAttemptWhereInput;
  limit: number;
  clearedBySuccess: boolean;
}

function scopes(client: LoginClient): Scope[] {
  if (client.device)
    return [{ where: { device: client.device }, limit: MAX_FAILURES_PER_DEVICE, clearedBySuccess: true }];
  return [
    { where: { email: client.email, device: null }, limit: MAX_FAILURES_PER_ACCOUNT, clearedBySuccess: true },
    // A success says nothing about the other accounts tried from the same address.
    {
      where: { clientAddress: client.clientAddress, device: null },
      limit: MAX_FAILURES_PER_ADDRESS,
      clearedBySuccess: false,
    },
  ];
}

async function scopeWaitMs(tx: Tx, scope: Scope, client: LoginClient, now: Date): Promise<number> {
  let since = new Date(now.getTime() - FAILURE_MEMORY_MS);
  if (scope.clearedBySuccess) {
    // Any success of the account (from a known device or not) clears the account's failures.
    const success = await tx.loginAttempt.findFirst({
      where: {
        ...(client.device ? { device: client.device } : { email: client.email }),
        succeeded: true,
        at: { gt: since },
      },
      orderBy: { at: "desc" },
      select: { at: true },
    });
    if (success) since = success.at;
  }
  const failures = await tx.loginAttempt.aggregate({
    where: { ...scope.where, succeeded: false, at: { gt: since } },
    _count: { _all: true },
    _max: { at: true },
  });
  const latest = failures._max.at;
  const delay = lockoutDelayMs(failures._count._all, scope.limit);
  // Below the limit there is no wait at all. (Measured from `latest` it could be one: a parallel
  // attempt that took its time a moment later but the lock first leaves a row "after" `now`.)
  if (!latest || delay === 0) return 0;
  return Math.max(0, latest.getTime() + delay - now.getTime());
}

/**
 * Takes the client's turn: either the minutes to wait (nothing recorded), or the id of a new
 * attempt row, written as a failure until `recordLoginSuccess` says otherwise.
 */
export async function beginLoginAttempt(
  db: Db,
  client: LoginClient,
  now = new Date(),
): Promise<{ waitMinutes: number } | { attemptId: number }> {
  return db.$transaction(
    async (tx) => {
      // Locks in a fixed order (account, then address), so two attempts never wait on each other in a circle.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`asset-desk:login:account:${client.email}`}))`;
      if (!client.device)
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`asset-desk:login:address:${client.clientAddress}`}))`;
      let waitMs = 0;
      for (const scope of scopes(client)) waitMs = Math.max(waitMs, await scopeWaitMs(tx, scope, client, now));
      if (waitMs > 0) return { waitMinutes: Math.ceil(waitMs / 60_000) };
      const attempt = await tx.loginAttempt.create({
        data: {
          email: client.email,
          clientAddress: client.clientAddress,
          device: client.device,
          succeeded: false,
          at: now,
        },
        select: { id: true },
      });
      return { attemptId: attempt.id };
      // Parallel attempts queue on the lock; each holds it for a few short queries only.
    },
    { maxWait: 15_000, timeout: 15_000 },
  );
}

/** Marks a verified attempt as a success (a failure is already recorded as one). */
export async function recordLoginOutcome(
  db: Db,
  attemptId: number,
  succeeded: boolean,
  now = new Date(),
): Promise<void> {
  if (succeeded) await db.loginAttempt.update({ where: { id: attemptId }, data: { succeeded: true, at: now } });
  // Rows older than a day count for nothing; keep the table small.
  await db.loginAttempt.deleteMany({ where: { at: { lt: new Date(now.getTime() - 24 * 3600 * 1000) } } });
}
