import { encode } from "next-auth/jwt";
import { vi } from "vitest";
import { authSecret, sessionCookieName } from "@/lib/auth/cookies";
import { getDb } from "@/lib/db";

// Next's request context (cookies(), revalidatePath) does not exist outside a Next server. Tests
// that call server actions directly mock just those two seams; the session cookie itself is a real
// next-auth JWT, checked by the real code against the real database.

let cookie: string | undefined;

vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (name === sessionCookieName && cookie ? { name, value: cookie } : undefined),
  }),
  headers: async () => new Headers(),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

/** The session cookie next-auth would set for this user signing in now (their current session version). */
export async function sessionCookieFor(userUuid: string): Promise<string> {
  const user = await (await getDb()).user.findUnique({ where: { uuid: userUuid }, select: { sessionVersion: true } });
  return encode({ token: { sub: userUuid, sv: user?.sessionVersion ?? 0 }, secret: authSecret! });
}

/** Signs in as the user with this uuid (null: anonymous) for the calls that follow. */
export async function actAs(userUuid: string | null): Promise<void> {
  cookie = userUuid ? await sessionCookieFor(userUuid) : undefined;
}

/** Sends this session cookie (one kept from an earlier `sessionCookieFor`) with the calls that follow. */
export function sendSessionCookie(value: string | undefined): void {
  cookie = value;
}
