import { encode } from "next-auth/jwt";
import { vi } from "vitest";
import { authSecret, sessionCookieName } from "@/lib/auth/cookies";

// Next's request context (cookies(), revalidatePath) does not exist outside a Next server. Tests
// that call server actions directly mock just those two seams; the session cookie itself is a real
// next-auth JWT, checked by the real code against the real database.

let cookie: string | undefined;

vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (name === sessionCookieName && cookie ? { name, value: cookie } : undefined) }),
  headers: async () => new Headers(),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

/** Signs in as the user with this uuid (null: anonymous) for the calls that follow. */
export async function actAs(userUuid: string | null): Promise<void> {
  cookie = userUuid ? await encode({ token: { sub: userUuid }, secret: authSecret! }) : undefined;
}
