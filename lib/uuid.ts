import { z } from "zod";

const uuidSchema = z.uuid();

/** The uuid in canonical lower-case form, or null when the text is not a uuid. */
export function parseUuid(value: unknown): string | null {
  const parsed = uuidSchema.safeParse(typeof value === "string" ? value.trim().toLowerCase() : value);
  return parsed.success ? parsed.data : null;
}
