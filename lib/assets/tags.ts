import { z } from "zod";

// One home for what a tag is, for assets (editorial tags, bulk tag add/remove) and catalog entries
// (promote, catalog edit): trimmed, inner spaces collapsed, lower case, letters, digits, space, dot,
// dash and underscore; a list is de-duplicated and sorted, so "News", " news " and "NEWS" are one tag.

export const TAG_MAX_LENGTH = 50;
export const TAGS_MAX = 20;

export function normaliseTag(tag: string): string {
  return tag.trim().replace(/\s+/g, " ").toLowerCase();
}

export const tagSchema = z
  .string()
  .transform(normaliseTag)
  .pipe(
    z
      .string()
      .min(1, "A tag cannot be empty.")
      .max(TAG_MAX_LENGTH, `Keep each tag under ${TAG_MAX_LENGTH} characters.`)
      .regex(/^[\p{L}\p{N} ._-]+$/u, "Use letters, digits, spaces, dots, dashes and underscores in tags."),
  );

export const tagsSchema = z
  .array(tagSchema)
  .transform((tags) => [...new Set(tags)].sort())
  .pipe(z.array(z.string()).max(TAGS_MAX, `Use at most ${TAGS_MAX} tags.`));

/** Tags typed in one form field, separated by commas ("news, Sport ,news" → ["news", "sport"]). */
export const tagsFieldSchema = z
  .string()
  .max(TAGS_MAX * (TAG_MAX_LENGTH + 2), "Too many tags.")
  .transform((text) => text.split(",").filter((tag) => tag.trim() !== ""))
  .pipe(tagsSchema);
