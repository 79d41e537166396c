import { z } from "zod";
import { parseUuid } from "@/lib/uuid";

// The asset a catalog entry should point at, as an editor gives it: its uuid, or the address of its
// page pasted from the browser (https://desk.example/assets/<uuid>, with or without a query).

const REFERENCE = /(?:^|\/assets\/)([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?(?:[?#].*)?$/i;
const MESSAGE = "Enter the asset's uuid, or paste the address of its page (…/assets/<uuid>).";

export const assetReferenceSchema = z
  .string()
  .trim()
  .max(2000, MESSAGE)
  .transform((text, context) => {
    const uuid = parseUuid(REFERENCE.exec(text)?.[1]);
    if (uuid) return uuid;
    context.addIssue({ code: "custom", message: MESSAGE });
    return z.NEVER;
  });
