import "server-only";
import type { z } from "zod";
import { KnownError } from "@/lib/errors";
import { log } from "@/lib/log";

// What every server action returns: success with its data, or a message a person can act on.
export type ActionResult<T extends object = object> =
  ({ ok: true } & T) | { ok: false; message: string; fieldErrors?: Record<string, string[] | undefined> };

export type ActionFailure = Extract<ActionResult, { ok: false }>;

export function invalidInput(error: z.ZodError): ActionFailure {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    // Forms are flat: an error in one line of a list field ("roots.0") belongs to the field itself.
    const key = issue.path.length > 0 ? String(issue.path[0]) : "form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return { ok: false, message: "Some fields need attention; nothing was changed.", fieldErrors };
}

/** Known errors keep their message; anything else is logged with context and shown generically. */
export function actionFailure(error: unknown, context: Record<string, unknown>): ActionFailure {
  if (error instanceof KnownError) return { ok: false, message: error.message, fieldErrors: error.fieldErrors };
  log.error({ err: error, ...context }, "action failed");
  return {
    ok: false,
    message: "Something went wrong and nothing was changed. Try again; if it persists, tell an admin.",
  };
}
