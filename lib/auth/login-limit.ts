import type { Db } from "@/lib/db";

// Sign-in throttling, stored in the database so every app instance sees the same counts.
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
// Higher per address: a newsroom behind one NAT address must not lock itself out.
export const MAX_FAILURES_PER_ADDRESS = 20;

type Tx = Pick<Db, "loginAttempt">;

/** Minutes until sign-in is allowed again for this email and address, or 0 when it is allowed now. */
export async function loginLockoutMinutes(db: Tx, email: string, clientAddress: string, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const lastSuccess = await db.loginAttempt.findFirst({
    where: { email, succeeded: true, at: { gt: since } },
    orderBy: { at: "desc" },
    select: { at: true },
  });
  // A successful sign-in clears the account's earlier failures.
  const accountSince = lastSuccess ? lastSuccess.at : since;
  const [accountFailures, addressFailures] = await Promise.all([
    db.loginAttempt.findMany({ where: { email, succeeded: false, at: { gt: accountSince } }, orderBy: { at: "desc" }, take: MAX_FAILURES_PER_ACCOUNT, select: { at: true } }),
    db.loginAttempt.findMany({ where: { clientAddress, succeeded: false, at: { gt: since } }, orderBy: { at: "desc" }, take: MAX_FAILURES_PER_ADDRESS, select: { at: true } }),
  ]);
  const waits = [
    [accountFailures, MAX_FAILURES_PER_ACCOUNT] as const,
    [addressFailures, MAX_FAILURES_PER_ADDRESS] as const,
  ].map(([failures, limit]) => {
    // Locked until the oldest of the last `limit` failures leaves the window.
    const oldest = failures.length >= limit ? failures[limit - 1] : undefined;
    return oldest ? oldest.at.getTime() + LOGIN_WINDOW_MS - now.getTime() : 0;
  });
  const waitMs = Math.max(...waits);
  return waitMs > 0 ? Math.ceil(waitMs / 60_000) : 0;
}

export async function recordLoginAttempt(db: Tx, email: string, clientAddress: string, succeeded: boolean, now = new Date()) {
  await db.loginAttempt.create({ data: { email, clientAddress, succeeded, at: now } });
  // Rows older than a day count for nothing; keep the table small.
  await db.loginAttempt.deleteMany({ where: { at: { lt: new Date(now.getTime() - 24 * 3600 * 1000) } } });
}
