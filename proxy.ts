import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { authSecret, secureCookies } from "@/lib/auth/cookies";
import { log } from "@/lib/log";

// The proxy only sends anonymous visitors to the login page and sets the Content-Security-Policy
// with a fresh nonce (Next applies it to its own scripts). Authorization happens in every action,
// route handler and page, never here.

const PUBLIC_PATHS = [/^\/login$/, /^\/api\/auth\//, /^\/api\/(health|ready)$/, /^\/api\/v1\/openapi\.json$/];

function contentSecurityPolicy(nonce: string): string {
  const dev = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

// API clients with a token are authenticated by the route itself (lib/api/handler.ts).
const bearer = (request: NextRequest) => /^Bearer\s/i.test(request.headers.get("authorization") ?? "");

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // One id per request, on the request (for the logs of whatever serves it) and on the response.
  const requestId = crypto.randomUUID();
  const isPublic =
    PUBLIC_PATHS.some((pattern) => pattern.test(pathname)) || (pathname.startsWith("/api/") && bearer(request));
  const token = isPublic ? null : await getToken({ req: request, secret: authSecret, secureCookie: secureCookies });
  // One line per request (pages, server actions, API), with the id every later line of it can be
  // matched by; the path only, since query strings may carry search text.
  log.info(
    {
      requestId,
      method: request.method,
      path: pathname,
      userUuid: token?.sub,
      action: request.headers.get("next-action") ? "server-action" : undefined,
    },
    "request",
  );
  if (!isPublic) {
    if (!token) {
      if (pathname.startsWith("/api/")) {
        const body = {
          type: "urn:asset-desk:problem:unauthenticated",
          title: "Authentication required",
          status: 401,
          code: "unauthenticated",
          detail: "Sign in, or send an API token as `Authorization: Bearer <token>`.",
          requestId,
        };
        return NextResponse.json(body, {
          status: 401,
          headers: {
            "content-type": "application/problem+json",
            "cache-control": "no-store",
            "www-authenticate": 'Bearer realm="asset-desk"',
            "x-request-id": requestId,
          },
        });
      }
      const login = new URL("/login", request.url);
      if (pathname !== "/") login.searchParams.set("callbackUrl", `${pathname}${search}`);
      return NextResponse.redirect(login);
    }
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", csp);
  headers.set("x-request-id", requestId);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  response.headers.set("x-request-id", requestId);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
