import type { SourceKind } from "@/lib/generated/prisma/client";

export const SOURCE_KIND_LABEL: Record<SourceKind, string> = {
  filesystem: "Folders",
  plex: "Plex",
  jellyfin: "Jellyfin",
};

export const SOURCE_KINDS = Object.keys(SOURCE_KIND_LABEL) as SourceKind[];
