import { z } from "zod";

// What the editorial fields and a note may hold, read the same way by the detail page's forms, the
// server actions, the REST API and the CLI. Pure (zod only). Tags have their own home: tags.ts.

export const TITLE_MAX_LENGTH = 200;
export const DESCRIPTION_MAX_LENGTH = 5000;
export const NOTE_MAX_LENGTH = 4000;

/** Trimmed; empty means "no title" (null). */
export const titleSchema = z
  .string()
  .trim()
  .max(TITLE_MAX_LENGTH, `Keep the title under ${TITLE_MAX_LENGTH} characters.`)
  .transform((text) => text || null);

/** Trimmed at both ends (inner line breaks kept); empty means "no description" (null). */
export const descriptionSchema = z
  .string()
  .trim()
  .max(DESCRIPTION_MAX_LENGTH, `Keep the description under ${DESCRIPTION_MAX_LENGTH} characters.`)
  .transform((text) => text || null);

export const noteBodySchema = z
  .string()
  .trim()
  .min(1, "Write something first.")
  .max(NOTE_MAX_LENGTH, `Keep a note under ${NOTE_MAX_LENGTH} characters.`);
