// The shape every media-server client (Plex, Jellyfin) reads its libraries into, so the import
// pipeline never sees a provider's own JSON except as `raw`.

export type ProviderKind = "plex" | "jellyfin";

export interface ProviderEpisode {
  seriesTitle: string;
  seasonNumber: number;
  episodeNumber: number;
  title: string;
}

/** One file of one item: a Plex Media Part or a Jellyfin MediaSource. Several files of one item share `key`. */
export interface ProviderItem {
  provider: ProviderKind;
  /** Plex ratingKey, Jellyfin Id. */
  key: string;
  /** Name of the library the item came from. */
  library: string;
  title: string;
  /** The file path as the server sees it (Plex Part.file, Jellyfin MediaSource.Path). */
  path: string;
  /** Bytes. */
  size: number | null;
  durationMs: number | null;
  /** Short container name (mp4, mkv, webm, mpegts, avi, mov, …); see codecs.ts. */
  container: string | null;
  /** ffprobe codec_name vocabulary; see codecs.ts. */
  videoCodec: string | null;
  audioCodec: string | null;
  /** Series, season and episode numbers; null for movies or when the server lacks a number. */
  episode: ProviderEpisode | null;
  /** The item's JSON as the server sent it (Plex Metadata entry, Jellyfin Item), for traceability. */
  raw: unknown;
}

export interface ProviderPage {
  library: string;
  /** Items in the whole library, as the server counts them (Plex totalSize, Jellyfin TotalRecordCount). */
  total: number;
  items: ProviderItem[];
}

export interface ProviderOptions {
  /** Base URL of the server, http or https, with or without a trailing slash. */
  url: string;
  /** Plex token or Jellyfin API key. Sent in a header only, never in a URL or a message. */
  secret: string;
  /** Library names to read; empty reads every movie and show library. */
  libraries: string[];
  /** Items asked for per request; default 200. */
  pageSize?: number;
  /** Per request, default 15000. */
  timeoutMs?: number;
  /** Retries of a transient failure (network error, timeout, 429, 502–504); default 3. */
  retries?: number;
  /** Base of the exponential backoff between retries; default 250. Tests make it small. */
  retryDelayMs?: number;
  signal?: AbortSignal;
}

/** What listing a server's libraries needs. */
export type ProviderConnection = Omit<ProviderOptions, "libraries" | "pageSize">;

/** A library as `listPlexLibraries` / `listJellyfinLibraries` read it (imports choose from these by name). `mixed` is a Jellyfin folder without a collection type. */
export interface ProviderLibrary {
  key: string;
  name: string;
  type: "movie" | "show" | "mixed" | "other";
}

export type ProviderErrorCode = "unreachable" | "unauthorized" | "timeout" | "malformed" | "http" | "not_found";

/** A failure talking to a media server; the message names the server and never holds the secret. */
export class ProviderError extends Error {
  constructor(
    readonly code: ProviderErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "ProviderError";
  }
}
