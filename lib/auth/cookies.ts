import { env } from "@/lib/env";

// Session-cookie settings shared by next-auth (lib/auth/config.ts) and the proxy, which only
// checks that a visitor has a valid session before sending them on.

// Outside production a fixed secret keeps `npm run dev` and tests working without setup;
// production refuses to start without AUTH_SECRET (instrumentation.ts).
const DEVELOPMENT_SECRET = "asset-desk-development-secret-not-for-production";

export const authSecret = env.AUTH_SECRET ?? (env.NODE_ENV === "production" ? undefined : DEVELOPMENT_SECRET);
export const secureCookies = env.AUTH_SECURE_COOKIES ?? env.NODE_ENV === "production";

// next-auth's own names: the __Secure- prefix makes browsers refuse the cookie over plain http.
export const sessionCookieName = `${secureCookies ? "__Secure-" : ""}next-auth.session-token`;
