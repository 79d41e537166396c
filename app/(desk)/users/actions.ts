"use server";

import { z } from "zod";
import { defineAction } from "@/lib/define-action";
import { getDb } from "@/lib/db";
import { createUser, endUserSessions, resetUserPassword, setUserDisabled, setUserRole } from "@/lib/users/manage";
import { newUserSchema, passwordSchema, roleSchema } from "@/lib/users/schemas";

const userUuid = z.uuid("Unknown user.");
const about = ({ userUuid }: { userUuid: string }) => ({ userUuid });

export const createUserAction = defineAction(
  { name: "createUser", schema: newUserSchema, capability: "admin.manage", revalidate: ["/users"] },
  async ({ input, actor }) => ({ uuid: (await createUser(await getDb(), actor, input)).uuid }),
);

export const setUserRoleAction = defineAction(
  {
    name: "setUserRole",
    schema: z.strictObject({ userUuid, role: roleSchema }),
    capability: "admin.manage",
    revalidate: ["/users"],
    context: about,
  },
  async ({ input, actor }) => {
    await setUserRole(await getDb(), actor, input);
  },
);

export const setUserDisabledAction = defineAction(
  {
    name: "setUserDisabled",
    schema: z.strictObject({ userUuid, disabled: z.enum(["true", "false"]).transform((value) => value === "true") }),
    capability: "admin.manage",
    revalidate: ["/users"],
    context: about,
  },
  async ({ input, actor }) => {
    await setUserDisabled(await getDb(), actor, input);
  },
);

export const resetUserPasswordAction = defineAction(
  {
    name: "resetUserPassword",
    schema: z.strictObject({ userUuid, password: passwordSchema }),
    capability: "admin.manage",
    context: about,
  },
  async ({ input, actor }) => {
    await resetUserPassword(await getDb(), actor, input);
  },
);

export const endUserSessionsAction = defineAction(
  { name: "endUserSessions", schema: z.strictObject({ userUuid }), capability: "admin.manage", context: about },
  async ({ input, actor }) => {
    await endUserSessions(await getDb(), actor, input);
  },
);

/** "Sign out everywhere" for whoever is signed in (any role): every session of theirs ends, this one included. */
export const endMySessionsAction = defineAction(
  { name: "endMySessions", capability: "assets.read" },
  async ({ actor }) => {
    await endUserSessions(await getDb(), actor, { userUuid: actor.uuid });
  },
);
