"use server";

import { z } from "zod";
import { createApiToken, revokeApiToken, tokenNameSchema } from "@/lib/auth/api-tokens";
import { defineAction } from "@/lib/define-action";
import { getDb } from "@/lib/db";

export const createTokenAction = defineAction(
  {
    name: "createToken",
    schema: z.strictObject({
      ownerEmail: z.string().trim().min(1, "Choose the token's owner.").max(320),
      name: tokenNameSchema,
    }),
    capability: "admin.manage",
    revalidate: ["/tokens"],
  },
  async ({ input, actor }) => {
    const token = await createApiToken(await getDb(), actor, input);
    // The only time the secret leaves the server: the page shows it once and keeps no copy.
    return { uuid: token.uuid, secret: token.secret };
  },
);

export const revokeTokenAction = defineAction(
  {
    name: "revokeToken",
    schema: z.strictObject({ tokenUuid: z.uuid("Unknown token.") }),
    capability: "admin.manage",
    revalidate: ["/tokens"],
    context: ({ tokenUuid }) => ({ tokenUuid }),
  },
  async ({ input, actor }) => {
    await revokeApiToken(await getDb(), actor, input.tokenUuid);
  },
);
