// Moves found by content (docs/architecture.md, "Identity"): a new file whose size and SHA-256 are
// those of exactly one asset of the same source that is missing, or goes missing in this run, is
// that asset at a new path. Anything less certain (two copies moved at once, two missing assets with
// the same bytes) is not guessed: it is reported for a person to resolve.

export interface MoveCandidate {
  id: number;
  uri: string;
  size: bigint;
  hashSha256: string | null;
}

export interface NewFile {
  uri: string;
  size: number;
  hashSha256: string;
}

export interface MoveMatches {
  /** New file's uri → the asset it is. */
  moves: Map<string, MoveCandidate>;
  /** New file's uri → the assets it may be (more than one file or more than one asset share its bytes). */
  ambiguous: Map<string, MoveCandidate[]>;
}

const keyOf = (size: bigint | number, hash: string) => `${size}:${hash}`;

/** The assets a new file could be, by size first: a new file of another size is written at once, not held back. */
export function moveCandidates(candidates: MoveCandidate[]) {
  const sizes = new Set(candidates.filter((c) => c.hashSha256).map((c) => c.size));
  const byContent = new Map<string, MoveCandidate[]>();
  for (const candidate of candidates) {
    if (!candidate.hashSha256) continue;
    const key = keyOf(candidate.size, candidate.hashSha256);
    // Pushed, not copied: a library of many identical files (empty ones) would be quadratic.
    const same = byContent.get(key);
    if (same) same.push(candidate);
    else byContent.set(key, [candidate]);
  }
  return {
    /** Whether a new file of this size may be one of the candidates (then its write waits for the match). */
    mayMatch: (size: number) => sizes.has(BigInt(size)),
    /** Pairs the new files (all of the run's, once read) with the candidates. */
    match(files: NewFile[]): MoveMatches {
      const filesByContent = new Map<string, NewFile[]>();
      for (const file of files) {
        const key = keyOf(file.size, file.hashSha256);
        if (!byContent.has(key)) continue;
        const same = filesByContent.get(key);
        if (same) same.push(file);
        else filesByContent.set(key, [file]);
      }
      const moves = new Map<string, MoveCandidate>();
      const ambiguous = new Map<string, MoveCandidate[]>();
      for (const [key, sameFiles] of filesByContent) {
        const assets = byContent.get(key)!;
        if (sameFiles.length === 1 && assets.length === 1) moves.set(sameFiles[0]!.uri, assets[0]!);
        else for (const file of sameFiles) ambiguous.set(file.uri, assets);
      }
      return { moves, ambiguous };
    },
  };
}
