import "server-only";
import type { Db } from "@/lib/db";
import { KnownError } from "@/lib/errors";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { issueDeviceCookie, trustedDevice } from "@/lib/auth/device-cookie";
import { beginLoginAttempt, recordLoginOutcome } from "@/lib/auth/login-limit";
import { INVALID_LOGIN } from "@/lib/auth/messages";

// Verified against when the email is unknown, so both failures take the same time.
const dummyHash = hashPassword("asset-desk-timing-equaliser");

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface SignInAttempt {
  email: string;
  password: string;
  clientAddress: string;
  /** The browser's device cookie, if it sent one (lib/auth/device-cookie.ts). */
  deviceCookie?: string;
}

/** Seams for tests: the clock, and the password check (to count verifications). */
export interface AuthenticateOptions {
  now?: () => Date;
  verify?: (passwordHash: string, password: string) => Promise<boolean>;
}

/**
 * Checks an email and password. Returns the user's uuid, their session version and the device
 * cookie to set, or throws a KnownError whose message is the same for an unknown email, a wrong
 * password and a disabled account. The attempt is counted before the password is verified, so
 * parallel guesses cannot outrun the limit (lib/auth/login-limit.ts).
 */
export async function authenticate(
  db: Db,
  input: SignInAttempt,
  options: AuthenticateOptions = {},
): Promise<{ uuid: string; sessionVersion: number; deviceCookie: string }> {
  const now = options.now ?? (() => new Date());
  const verify = options.verify ?? verifyPassword;
  const email = normalizeEmail(input.email);
  const device = trustedDevice(email, input.deviceCookie);
  const turn = await beginLoginAttempt(db, { email, clientAddress: input.clientAddress, device }, now());
  if ("waitMinutes" in turn) {
    const minutes = turn.waitMinutes;
    throw new KnownError(
      "rate_limited",
      `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    );
  }
  const user = await db.user.findUnique({
    where: { email },
    select: { uuid: true, passwordHash: true, disabled: true, sessionVersion: true },
  });
  const valid = await verify(user?.passwordHash ?? (await dummyHash), input.password);
  const ok = Boolean(user && valid && !user.disabled);
  await recordLoginOutcome(db, turn.attemptId, ok, now());
  if (!ok || !user) throw new KnownError("unauthenticated", INVALID_LOGIN);
  return {
    uuid: user.uuid,
    sessionVersion: user.sessionVersion,
    deviceCookie: issueDeviceCookie(email, device ?? undefined),
  };
}
