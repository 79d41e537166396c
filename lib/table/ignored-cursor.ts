import { KnownError } from "@/lib/errors";

// A list function answers `cursorIgnored` when the link's after/before is not a cursor of the sort
// asked for (an old link, another sort's, or made up) and it showed the first page instead. The desk
// says so beside the table; the API refuses, since a client that pages on from there would loop.

interface ListedPage {
  cursorIgnored: boolean;
}

/** The page's URL notices, plus the one about its cursor when the list could not use it. */
export function withCursorNotice(notices: string[], page: ListedPage): string[] {
  return page.cursorIgnored ? [...notices, "The page link was not recognised; showing the first page."] : notices;
}

/** For an API handler: a 400 when the list could not use the cursor. */
export function assertCursorRecognised(page: ListedPage): void {
  if (page.cursorIgnored)
    throw new KnownError("invalid", "The cursor does not belong to this sort; start again without after/before.", {
      query: ["unknown cursor"],
    });
}
