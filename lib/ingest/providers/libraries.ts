import {
  ProviderError,
  type ProviderItem,
  type ProviderLibrary,
  type ProviderOptions,
  type ProviderPage,
} from "./types";

const VIDEO_TYPES = new Set<ProviderLibrary["type"]>(["movie", "show", "mixed"]);

/**
 * The libraries to read: those named (in the order named), or every movie and show library when
 * none is named. A name the server does not know fails the whole read, listing the names it has,
 * so a typo is not mistaken for an empty library.
 */
export function chooseLibraries(server: string, available: ProviderLibrary[], names: string[]): ProviderLibrary[] {
  if (names.length === 0) return available.filter((library) => VIDEO_TYPES.has(library.type));
  return [...new Set(names)].map((name) => {
    const library = available.find((candidate) => candidate.name === name);
    if (!library) {
      const known = available.map((candidate) => `"${candidate.name}"`).join(", ") || "none";
      throw new ProviderError("not_found", `${server} has no library named "${name}"; its libraries are: ${known}`);
    }
    if (!VIDEO_TYPES.has(library.type)) {
      throw new ProviderError("not_found", `${server} library "${name}" holds neither movies nor shows`);
    }
    return library;
  });
}

/**
 * One library, a page per request from `start` 0 until the server's total is reached. Yields at
 * least one page, so an empty library still reports its total of 0.
 */
export async function* readLibraryPages<T>(
  library: ProviderLibrary,
  fetchPage: (start: number) => Promise<{ total: number; entries: T[] }>,
  toItems: (entry: T) => ProviderItem[],
): AsyncGenerator<ProviderPage> {
  for (let start = 0; ;) {
    const { total, entries } = await fetchPage(start);
    yield { library: library.name, total, items: entries.flatMap(toItems) };
    start += entries.length;
    // An empty page before the total means the library shrank while it was read.
    if (entries.length === 0 || start >= total) return;
  }
}

/** Items per request; a size below 1 would read nothing and stop as if the library were done. */
export function pageSizeOf(options: ProviderOptions): number {
  const size = options.pageSize ?? 200;
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`pageSize must be a whole number of at least 1, got ${size}`);
  return size;
}
