"use server";

import { z } from "zod";
import { defineAction } from "@/lib/define-action";
import { getDb } from "@/lib/db";
import { MAX_RETENTION_DAYS, setTrashRetention } from "@/lib/assets/retention";

/** Sets the trash's retention: purge daily what was deleted more than N days ago; empty turns it off. */
export const setTrashRetentionAction = defineAction(
  {
    name: "setTrashRetention",
    schema: z.strictObject({
      days: z
        .string()
        .trim()
        .max(10)
        .refine(
          (text) => text === "" || (/^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= MAX_RETENTION_DAYS),
          `Enter whole days from 1 to ${MAX_RETENTION_DAYS}, or leave it empty to turn automatic purging off.`,
        )
        .transform((text) => (text === "" ? null : Number(text))),
    }),
    capability: "trash.manage",
    revalidate: ["/trash"],
  },
  async ({ input, actor }) => {
    await setTrashRetention(await getDb(), actor, input.days);
  },
);
