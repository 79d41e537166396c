// Reading one file a media server lists, from the item JSON an import stored (a provider ref's
// `raw`): the request that answers its bytes, the secret in a header. The Plex and Jellyfin
// clients build it; lib/media/resolve-input.ts picks the source.

/** A GET (Range-seekable) for a file's bytes; the URL never holds the secret. */
export interface ProviderStream {
  url: string;
  headers: Record<string, string>;
}

/** What a stream request needs of a source. */
export interface StreamConnection {
  url: string;
  secret: string;
}

/**
 * The file among an item's files (Plex parts, Jellyfin media sources) whose server path `isFile`
 * recognises; a lone file when none does (a path map edited since the import); else none, since
 * guessing among versions could play the wrong cut.
 */
export function chooseFile<T>(files: T[], pathOf: (file: T) => string, isFile: (path: string) => boolean): T | null {
  return files.find((file) => isFile(pathOf(file))) ?? (files.length === 1 ? files[0]! : null);
}
