// Errors a person can act on. Anything else is logged with context and shown as a generic failure.
export type KnownErrorKind = "unauthenticated" | "forbidden" | "not_found" | "conflict" | "invalid" | "rate_limited";

export class KnownError extends Error {
  constructor(
    readonly kind: KnownErrorKind,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "KnownError";
  }
}

export const notAllowed = () => new KnownError("forbidden", "You are not allowed to do this.");
export const notSignedIn = () => new KnownError("unauthenticated", "Sign in to continue.");
