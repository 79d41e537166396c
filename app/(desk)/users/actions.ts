"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionFailure, invalidInput, type ActionResult } from "@/lib/action-result";
import { requireRole } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { formFields } from "@/lib/form-data";
import { createUser, endUserSessions, resetUserPassword, setUserDisabled, setUserRole } from "@/lib/users/manage";
import { newUserSchema, passwordSchema, roleSchema } from "@/lib/users/schemas";

type State = ActionResult | null;

const userUuid = z.uuid("Unknown user.");

export async function createUserAction(_previous: State, formData: FormData): Promise<ActionResult<{ uuid: string }>> {
  const input = newUserSchema.safeParse(formFields(formData));
  if (!input.success) return invalidInput(input.error);
  try {
    const actor = await requireRole("admin.manage");
    const user = await createUser(await getDb(), actor, input.data);
    revalidatePath("/users");
    return { ok: true, uuid: user.uuid };
  } catch (error) {
    return actionFailure(error, { action: "createUser" });
  }
}

export async function setUserRoleAction(_previous: State, formData: FormData): Promise<ActionResult> {
  const input = z.strictObject({ userUuid, role: roleSchema }).safeParse(formFields(formData));
  if (!input.success) return invalidInput(input.error);
  try {
    const actor = await requireRole("admin.manage");
    await setUserRole(await getDb(), actor, input.data);
    revalidatePath("/users");
    return { ok: true };
  } catch (error) {
    return actionFailure(error, { action: "setUserRole", userUuid: input.data.userUuid });
  }
}

export async function setUserDisabledAction(_previous: State, formData: FormData): Promise<ActionResult> {
  const input = z
    .strictObject({ userUuid, disabled: z.enum(["true", "false"]).transform((value) => value === "true") })
    .safeParse(formFields(formData));
  if (!input.success) return invalidInput(input.error);
  try {
    const actor = await requireRole("admin.manage");
    await setUserDisabled(await getDb(), actor, input.data);
    revalidatePath("/users");
    return { ok: true };
  } catch (error) {
    return actionFailure(error, { action: "setUserDisabled", userUuid: input.data.userUuid });
  }
}

export async function resetUserPasswordAction(_previous: State, formData: FormData): Promise<ActionResult> {
  const input = z.strictObject({ userUuid, password: passwordSchema }).safeParse(formFields(formData));
  if (!input.success) return invalidInput(input.error);
  try {
    const actor = await requireRole("admin.manage");
    await resetUserPassword(await getDb(), actor, input.data);
    return { ok: true };
  } catch (error) {
    return actionFailure(error, { action: "resetUserPassword", userUuid: input.data.userUuid });
  }
}

export async function endUserSessionsAction(_previous: State, formData: FormData): Promise<ActionResult> {
  const input = z.strictObject({ userUuid }).safeParse(formFields(formData));
  if (!input.success) return invalidInput(input.error);
  try {
    const actor = await requireRole("admin.manage");
    await endUserSessions(await getDb(), actor, input.data);
    return { ok: true };
  } catch (error) {
    return actionFailure(error, { action: "endUserSessions", userUuid: input.data.userUuid });
  }
}

/** "Sign out everywhere" for whoever is signed in (any role): every session of theirs ends, this one included. */
export async function endMySessionsAction(): Promise<ActionResult> {
  try {
    const actor = await requireRole("assets.read");
    await endUserSessions(await getDb(), actor, { userUuid: actor.uuid });
    return { ok: true };
  } catch (error) {
    return actionFailure(error, { action: "endMySessions" });
  }
}
