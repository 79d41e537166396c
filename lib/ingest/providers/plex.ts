import "server-only";
import { z } from "zod";
import { normalizeCodec, normalizeContainer } from "./codecs";
import { getJson, parseServerUrl, serverUrl } from "./http";
import { chooseLibraries, pageSizeOf, readLibraryPages } from "./libraries";
import { chooseFile, type ProviderStream, type StreamConnection } from "./stream";
import type {
  ProviderConnection,
  ProviderEpisode,
  ProviderItem,
  ProviderLibrary,
  ProviderOptions,
  ProviderPage,
} from "./types";

// Plex's JSON field names, checked only where this file reads them; anything else passes through.
const count = z.number().int().nonnegative();
const optionalNumber = z.number().nullish();
const optionalString = z.string().nullish();

const sectionsSchema = z.looseObject({
  MediaContainer: z.looseObject({
    Directory: z.array(z.looseObject({ key: z.string(), title: z.string(), type: z.string() })).nullish(),
  }),
});

const partSchema = z.looseObject({
  file: z.string(),
  size: optionalNumber,
  duration: optionalNumber,
  container: optionalString,
});

const mediaSchema = z.looseObject({
  duration: optionalNumber,
  container: optionalString,
  videoCodec: optionalString,
  audioCodec: optionalString,
  Part: z.array(partSchema).nullish(),
});

const metadataSchema = z.looseObject({
  ratingKey: z.string(),
  title: z.string(),
  type: z.string(),
  grandparentTitle: optionalString,
  parentIndex: optionalNumber,
  index: optionalNumber,
  duration: optionalNumber,
  Media: z.array(mediaSchema).nullish(),
});

const pageSchema = z.looseObject({
  MediaContainer: z.looseObject({
    size: count,
    totalSize: count,
    offset: count.nullish(),
    Metadata: z.array(metadataSchema).nullish(),
  }),
});

// What a stream request reads of a stored entry: its parts' ids, keys and paths.
const storedEntrySchema = z.looseObject({
  updatedAt: optionalNumber,
  Media: z
    .array(
      z.looseObject({
        Part: z
          .array(z.looseObject({ id: z.number().int().nonnegative(), key: optionalString, file: z.string() }))
          .nullish(),
      }),
    )
    .nullish(),
});

type PlexMetadata = z.infer<typeof metadataSchema>;

const SECTION_TYPES = new Map<string, ProviderLibrary["type"]>([
  ["movie", "movie"],
  ["show", "show"],
]);
// The `type` filter of /all: a show section lists shows unless asked for its episodes (type 4).
const EPISODE_TYPE = "4";

export async function listPlexLibraries(options: ProviderConnection): Promise<ProviderLibrary[]> {
  const reply = await plexGet(options, "/library/sections", sectionsSchema);
  return (reply.MediaContainer.Directory ?? []).map((section) => ({
    key: section.key,
    name: section.title,
    type: SECTION_TYPES.get(section.type) ?? "other",
  }));
}

/** Every file of the chosen libraries (all movie and show sections when none is named), a page per request. */
export async function* readPlex(options: ProviderOptions): AsyncGenerator<ProviderPage> {
  const size = String(pageSizeOf(options));
  for (const section of chooseLibraries("Plex", await listPlexLibraries(options), options.libraries)) {
    const path = `/library/sections/${encodeURIComponent(section.key)}/all`;
    const query: Record<string, string> = section.type === "show" ? { type: EPISODE_TYPE } : {};
    yield* readLibraryPages(
      section,
      async (start) => {
        const headers = { "X-Plex-Container-Start": String(start), "X-Plex-Container-Size": size };
        const { MediaContainer: container } = await plexGet(options, path, pageSchema, query, headers);
        return { total: container.totalSize, entries: container.Metadata ?? [] };
      },
      (entry) => plexItems(entry, section.name),
    );
  }
}

function plexGet<T>(
  options: ProviderConnection,
  path: string,
  schema: z.ZodType<T>,
  query: Record<string, string> = {},
  headers: Record<string, string> = {},
): Promise<T> {
  const url = serverUrl(parseServerUrl("plex", options.url), path, query);
  return getJson(url, {
    ...options,
    provider: "plex",
    schema,
    headers: { Accept: "application/json", ...plexAuth(options.secret), ...headers },
  });
}

/** The token goes in a header, never the query string, so it stays out of proxy and server logs. */
function plexAuth(secret: string): Record<string, string> {
  return { "X-Plex-Token": secret };
}

/**
 * One part's file of a stored entry (a provider ref's `raw`, one asset per Media Part): the part's
 * own `key` (/library/parts/{id}/{updatedAt}/file.ext), Range-seekable. Where the stored key is
 * absent or not of that form, the same path is built from the part id. Null when the entry lists
 * no such part.
 */
export function plexStream(
  connection: StreamConnection,
  raw: unknown,
  isFile: (serverPath: string) => boolean,
): ProviderStream | null {
  const entry = storedEntrySchema.safeParse(raw);
  if (!entry.success) return null;
  const parts = (entry.data.Media ?? []).flatMap((media) => media.Part ?? []);
  const part = chooseFile(parts, (candidate) => candidate.file, isFile);
  if (!part) return null;
  const prefix = `/library/parts/${part.id}/`;
  // Only a key of the known form is trusted: it becomes a path on the server the token is sent to.
  const path =
    part.key?.startsWith(prefix) && /^\/library\/parts\/\d+\/\w+\/file(\.\w+)?$/.test(part.key)
      ? part.key
      : `${prefix}${entry.data.updatedAt ?? 0}/file`;
  const url = serverUrl(parseServerUrl("plex", connection.url), path);
  return { url: url.toString(), headers: plexAuth(connection.secret) };
}

/** One item per Media Part: multi-part files and multiple versions each give their own item. */
function plexItems(entry: PlexMetadata, library: string): ProviderItem[] {
  const episode = plexEpisode(entry);
  return (entry.Media ?? []).flatMap((media) => {
    const parts = media.Part ?? [];
    return parts.map((part) => ({
      provider: "plex" as const,
      key: entry.ratingKey,
      library,
      title: entry.title,
      path: part.file,
      size: part.size ?? null,
      // A multi-part Media's duration is its parts' sum, so only a lone part may borrow it.
      durationMs: part.duration ?? (parts.length === 1 ? (media.duration ?? entry.duration ?? null) : null),
      container: normalizeContainer(part.container ?? media.container),
      videoCodec: normalizeCodec(media.videoCodec),
      audioCodec: normalizeCodec(media.audioCodec),
      episode,
      raw: entry,
    }));
  });
}

function plexEpisode(entry: PlexMetadata): ProviderEpisode | null {
  const { type, grandparentTitle, parentIndex, index, title } = entry;
  if (type !== "episode" || !grandparentTitle || parentIndex == null || index == null) return null;
  return { seriesTitle: grandparentTitle, seasonNumber: parentIndex, episodeNumber: index, title };
}
