"use server";

import { z } from "zod";
import { defineAction } from "@/lib/define-action";
import { getDb } from "@/lib/db";
import {
  createQcProfile,
  deleteQcProfile,
  qcProfileSchema,
  setDefaultQcProfile,
  updateQcProfile,
} from "@/lib/qc/profiles";

const profileUuid = z.uuid("Unknown profile.");
// A changed profile re-judges its results: the assets' verdicts change with it.
const PAGES = ["/qc-profiles", { path: "/assets", type: "layout" as const }];

export const createQcProfileAction = defineAction(
  { name: "createQcProfile", schema: qcProfileSchema, capability: "qc.profiles", revalidate: PAGES },
  async ({ input, actor }) => ({ uuid: (await createQcProfile(await getDb(), actor, input)).uuid }),
);

export const updateQcProfileAction = defineAction(
  {
    name: "updateQcProfile",
    schema: qcProfileSchema.extend({ profileUuid }),
    capability: "qc.profiles",
    revalidate: PAGES,
    context: ({ profileUuid }) => ({ profileUuid }),
  },
  async ({ input: { profileUuid, ...input }, actor }) => {
    await updateQcProfile(await getDb(), actor, profileUuid, input);
  },
);

export const setDefaultQcProfileAction = defineAction(
  {
    name: "setDefaultQcProfile",
    schema: z.strictObject({ profileUuid }),
    capability: "qc.profiles",
    revalidate: PAGES,
    context: ({ profileUuid }) => ({ profileUuid }),
  },
  async ({ input, actor }) => {
    await setDefaultQcProfile(await getDb(), actor, input.profileUuid);
  },
);

export const deleteQcProfileAction = defineAction(
  {
    name: "deleteQcProfile",
    schema: z.strictObject({ profileUuid }),
    capability: "qc.profiles",
    revalidate: PAGES,
    context: ({ profileUuid }) => ({ profileUuid }),
  },
  async ({ input, actor }) => {
    await deleteQcProfile(await getDb(), actor, input.profileUuid);
  },
);
