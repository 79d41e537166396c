import "server-only";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { actionFailure, invalidInput, type ActionResult } from "@/lib/action-result";
import type { Capability } from "@/lib/auth/permissions";
import { requireCapability, type Actor } from "@/lib/auth/session";
import { containsNul, formFields } from "@/lib/form-data";

// Every server action runs through here, as every REST handler runs through apiRoute: input parsed
// by the action's strict schema (field errors for the form), the capability checked against the
// signed-in user before anything is read or written (actions are public POST endpoints), one call
// into lib/, the pages that show the change revalidated, and errors mapped by actionFailure.

/** A path whose cached render a change makes stale; `layout` covers every page below it. */
export type Revalidation = string | { path: string; type: "layout" | "page" };

interface Frame<I> {
  /** Names the action in the log line of an unexpected failure. */
  name: string;
  /** What the caller must be allowed to do; a function when it depends on the input (a transition's rule). */
  capability: Capability | ((input: I) => Capability);
  revalidate?: readonly Revalidation[] | ((input: I) => readonly Revalidation[]);
  /** Uuids and the like for that log line. */
  context?: (input: I) => Record<string, unknown>;
  /** After a success, where to send the user instead of answering (null: answer). */
  redirect?: (call: Call<I>) => string | null;
}

interface Call<I> {
  input: I;
  actor: Actor;
}

type Run<I, T> = (call: Call<I>) => Promise<T | void>;

export type FormAction<T extends object> = (
  previous: ActionResult | null,
  formData: FormData,
) => Promise<ActionResult<T>>;
export type ValueAction<T extends object> = (input: unknown) => Promise<ActionResult<T>>;
export type PlainAction<T extends object> = () => Promise<ActionResult<T>>;

// Lets app/authorization.test.ts tell an action made here from one written by hand.
const defined = new WeakSet<object>();

export function isDefinedAction(fn: unknown): boolean {
  return typeof fn === "function" && defined.has(fn);
}

/** A form action for `useActionState`: `(previous, formData)`, the form's text fields parsed by `schema`. */
export function defineAction<S extends z.ZodType, T extends object = object>(
  options: Frame<z.output<S>> & { schema: S; input?: "form" },
  run: Run<z.output<S>, T>,
): FormAction<T>;
/** An action called from client code with a value (a bulk selection), parsed by `schema`. */
export function defineAction<S extends z.ZodType, T extends object = object>(
  options: Frame<z.output<S>> & { schema: S; input: "value" },
  run: Run<z.output<S>, T>,
): ValueAction<T>;
/** An action that takes no input: it acts for the signed-in user alone. */
export function defineAction<T extends object = object>(
  options: Frame<undefined> & { schema?: undefined },
  run: Run<undefined, T>,
): PlainAction<T>;
export function defineAction(
  options: Frame<never> & { schema?: z.ZodType; input?: "form" | "value" },
  run: Run<never, object>,
): (...args: unknown[]) => Promise<ActionResult> {
  const action = async (...args: unknown[]) => {
    const { schema } = options;
    if (!schema) return perform(options, run, undefined as never);
    // A form action's second argument is the FormData; anything else sent in its place fails the schema.
    const raw = options.input === "value" ? args[0] : args[1] instanceof FormData ? formFields(args[1]) : undefined;
    if (containsNul(raw))
      return { ok: false, message: "A field contains a NUL character, which cannot be stored; nothing was changed." };
    const parsed = schema.safeParse(raw);
    return parsed.success ? perform(options, run, parsed.data as never) : invalidInput(parsed.error);
  };
  defined.add(action);
  return action;
}

async function perform<I>(options: Frame<I>, run: Run<I, object>, input: I): Promise<ActionResult> {
  let destination: string | null;
  try {
    const { capability, revalidate } = options;
    const actor = await requireCapability(typeof capability === "function" ? capability(input) : capability);
    const data = await run({ input, actor });
    for (const target of (typeof revalidate === "function" ? revalidate(input) : revalidate) ?? []) {
      if (typeof target === "string") revalidatePath(target);
      else revalidatePath(target.path, target.type);
    }
    destination = options.redirect?.({ input, actor }) ?? null;
    if (destination === null) return { ok: true, ...data };
  } catch (error) {
    return actionFailure(error, { action: options.name, ...options.context?.(input) });
  }
  // Outside the try: redirect() throws to do its work.
  redirect(destination);
}
