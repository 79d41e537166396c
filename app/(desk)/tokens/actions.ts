"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionFailure, invalidInput, type ActionResult } from "@/lib/action-result";
import { createApiToken, revokeApiToken, tokenNameSchema } from "@/lib/auth/api-tokens";
import { requireRole } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { formFields } from "@/lib/form-data";

type State = ActionResult | null;

export async function createTokenAction(
  _previous: State,
  formData: FormData,
): Promise<ActionResult<{ uuid: string; secret: string }>> {
  const input = z
    .strictObject({ ownerEmail: z.string().trim().min(1, "Choose the token's owner.").max(320), name: tokenNameSchema })
    .safeParse(formFields(formData));
  if (!input.success) return invalidInput(input.error);
  try {
    const actor = await requireRole("admin.manage");
    const token = await createApiToken(await getDb(), actor, input.data);
    revalidatePath("/tokens");
    // The only time the secret leaves the server: the page shows it once and keeps no copy.
    return { ok: true, uuid: token.uuid, secret: token.secret };
  } catch (error) {
    return actionFailure(error, { action: "createToken" });
  }
}

export async function revokeTokenAction(_previous: State, formData: FormData): Promise<ActionResult> {
  const input = z.strictObject({ tokenUuid: z.uuid("Unknown token.") }).safeParse(formFields(formData));
  if (!input.success) return invalidInput(input.error);
  try {
    const actor = await requireRole("admin.manage");
    await revokeApiToken(await getDb(), actor, input.data.tokenUuid);
    revalidatePath("/tokens");
    return { ok: true };
  } catch (error) {
    return actionFailure(error, { action: "revokeToken", tokenUuid: input.data.tokenUuid });
  }
}
