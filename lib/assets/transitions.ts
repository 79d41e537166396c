// The workflow's transitions and the reasons one may be refused, in an editor's words. Plain data
// (no server imports), so the browser can show them; the rules themselves are in rules.ts.

export const TRANSITIONS = ["approve", "revoke", "promote", "withdraw", "delete", "restore"] as const;
export type Transition = (typeof TRANSITIONS)[number];

export const REASONS = {
  deleted: "It is deleted; restore it first.",
  already_approved: "It is already approved.",
  missing_duration: "It has no duration yet: probe the file first.",
  failing_probe:
    "Its probe data is incomplete or ffprobe could not read the file (no container, no codec, or a probe error); probe the file again.",
  not_approved: "It is not approved; approve it first.",
  promoted: "It is in the broadcast catalog; withdraw it from the catalog first.",
  already_promoted: "It is already in the catalog.",
  not_promoted: "It is not in the catalog.",
  already_deleted: "It is already deleted.",
  not_deleted: "It is not deleted.",
} as const;
export type Reason = keyof typeof REASONS;
