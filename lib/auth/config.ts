import "server-only";
import type { NextAuthOptions } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { cookies } from "next/headers";
import { z } from "zod";
import { authenticate } from "@/lib/auth/authenticate";
import { clientAddress } from "@/lib/auth/client-address";
import { authSecret, secureCookies } from "@/lib/auth/cookies";
import { cookieFromHeader, deviceCookieName, deviceCookieOptions } from "@/lib/auth/device-cookie";
import { safeRedirect } from "@/lib/auth/redirect";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { KnownError } from "@/lib/errors";

const credentialsSchema = z.object({ email: z.string().max(320), password: z.string().max(1024) });

// next-auth v4 derives its own URL from NEXTAUTH_URL; without one, trust the Host header
// (self-hosted behind our own proxy), so redirects work on any port.
if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "true";

export const authOptions: NextAuthOptions = {
  secret: authSecret,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  useSecureCookies: secureCookies,
  pages: { signIn: "/login", error: "/login" },
  providers: [
    Credentials({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const headers = request?.headers ?? {};
        try {
          const user = await authenticate(await getDb(), {
            ...parsed.data,
            clientAddress: clientAddress(headers, env.TRUSTED_PROXY_HOPS),
            deviceCookie: cookieFromHeader(headers.cookie, deviceCookieName),
          });
          // Set on next-auth's own response (Next merges cookies set during a route handler).
          (await cookies()).set(deviceCookieName, user.deviceCookie, deviceCookieOptions);
          return { id: user.uuid, sessionVersion: user.sessionVersion };
        } catch (error) {
          // next-auth passes a thrown message to the form; a null means "wrong credentials".
          if (error instanceof KnownError && error.kind === "rate_limited") throw new Error(error.message);
          if (error instanceof KnownError) return null;
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    // `sv` is the user's session version at sign-in; currentActor() (lib/auth/session.ts) refuses
    // a token whose version is no longer the user's.
    jwt: ({ token, user }) => (user ? { ...token, sub: user.id, sv: user.sessionVersion ?? 0 } : token),
    // Only same-origin targets, resolved the way a browser would (lib/auth/redirect.ts).
    redirect: ({ url, baseUrl }) => new URL(safeRedirect(url, baseUrl), baseUrl).toString(),
    // The session carries only the user's uuid; role and status are read from the database.
    session: ({ session, token }) => ({ ...session, user: { uuid: token.sub ?? "" } }),
  },
};
