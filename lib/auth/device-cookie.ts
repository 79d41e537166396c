import "server-only";
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { authSecret, secureCookies } from "@/lib/auth/cookies";

// OWASP's device cookie ("Slow Down Online Guessing Attacks with Device Cookies"): a browser that
// signed in to an account once gets a signed cookie for it, and its later attempts are throttled
// per device instead of by the account's lockout, so guessing from elsewhere cannot lock the owner
// out. The cookie is `<nonce>.<HMAC(email, nonce)>`: it names the account by the signature alone, so
// it does not show the email, and one browser holds it for the account that signed in last.

export const deviceCookieName = `${secureCookies ? "__Secure-" : ""}asset-desk.device`;
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 3600;

export const deviceCookieOptions = {
  httpOnly: true,
  sameSite: "lax",
  secure: secureCookies,
  path: "/",
  maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
} as const;

// A key of its own, derived from the session secret, so a device signature is never a valid
// signature of anything else.
const key = authSecret ? createHash("sha256").update(`asset-desk device cookie\0${authSecret}`).digest() : undefined;

function signature(email: string, nonce: string): Buffer {
  if (!key) throw new Error("AUTH_SECRET is not set");
  return createHmac("sha256", key).update(`${email}\0${nonce}`).digest();
}

/** A device cookie value for this (normalised) email; the nonce is kept when the browser had one. */
export function issueDeviceCookie(email: string, nonce = randomBytes(16).toString("base64url")): string {
  return `${nonce}.${signature(email, nonce).toString("base64url")}`;
}

/** The device's id (its nonce) when the cookie value is a valid device cookie for this email, else null. */
export function trustedDevice(email: string, value: string | undefined): string | null {
  const match = /^([A-Za-z0-9_-]{16,64})\.([A-Za-z0-9_-]{43})$/.exec(value ?? "");
  if (!match || !key) return null;
  const [, nonce, signed] = match as unknown as [string, string, string];
  const given = Buffer.from(signed, "base64url");
  const expected = signature(email, nonce);
  return given.length === expected.length && timingSafeEqual(given, expected) ? nonce : null;
}

/** One cookie's value from a Cookie request header. */
export function cookieFromHeader(header: string | string[] | undefined, name: string): string | undefined {
  const text = Array.isArray(header) ? header.join("; ") : (header ?? "");
  for (const part of text.split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}
