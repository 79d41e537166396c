import type { Db } from "@/lib/db";
import { KnownError } from "@/lib/errors";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { loginLockoutMinutes, recordLoginAttempt } from "@/lib/auth/login-limit";
import { INVALID_LOGIN } from "@/lib/auth/messages";

// Verified against when the email is unknown, so both failures take the same time.
const dummyHash = hashPassword("asset-desk-timing-equaliser");

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Checks an email and password. Returns the user's uuid, or throws a KnownError whose message is
 * the same for an unknown email, a wrong password and a disabled account.
 */
export async function authenticate(db: Db, input: { email: string; password: string; clientAddress: string }): Promise<{ uuid: string }> {
  const email = normalizeEmail(input.email);
  const minutes = await loginLockoutMinutes(db, email, input.clientAddress);
  if (minutes > 0) {
    throw new KnownError("rate_limited", `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
  }
  const user = await db.user.findUnique({ where: { email }, select: { uuid: true, passwordHash: true, disabled: true } });
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash), input.password);
  const ok = Boolean(user && valid && !user.disabled);
  await recordLoginAttempt(db, email, input.clientAddress, ok);
  if (!ok || !user) throw new KnownError("unauthenticated", INVALID_LOGIN);
  return { uuid: user.uuid };
}
