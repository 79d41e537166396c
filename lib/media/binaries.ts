import "server-only";
import { accessSync, constants, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

// Where the desk finds ffprobe (probing) and ffmpeg (preview, thumbnails): the setting, else the
// binary on PATH (Debian: apt-get install ffmpeg), else the optional npm package's own binary. The
// choice is made once per process.

const cached: { ffprobe?: string; ffmpeg?: string } = {};

/** FFPROBE_PATH, else the ffprobe on PATH, else the binary of @ffprobe-installer/ffprobe when that package is installed. */
export function ffprobePath(): string {
  cached.ffprobe ??=
    process.env.FFPROBE_PATH || findOnPath("ffprobe") || installed("ffprobe", "@ffprobe-installer/ffprobe");
  return cached.ffprobe;
}

/** FFMPEG_PATH, else the ffmpeg on PATH, else the binary of @ffmpeg-installer/ffmpeg when that package is installed. */
export function ffmpegPath(): string {
  cached.ffmpeg ??= process.env.FFMPEG_PATH || findOnPath("ffmpeg") || installed("ffmpeg", "@ffmpeg-installer/ffmpeg");
  return cached.ffmpeg;
}

function findOnPath(name: string): string | undefined {
  const file = process.platform === "win32" ? `${name}.exe` : name;
  return (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter(Boolean)
    .map((folder) => path.join(folder, file))
    .find((candidate) => {
      try {
        accessSync(candidate, constants.X_OK);
        return statSync(candidate).isFile();
      } catch {
        return false;
      }
    });
}

function installed(name: string, npmPackage: string): string {
  try {
    return (createRequire(import.meta.url)(npmPackage) as { path: string }).path;
  } catch (error) {
    const setting = `${name.toUpperCase()}_PATH`;
    throw new Error(`${name} not found: install ffmpeg (apt-get install ffmpeg) or set ${setting}`, { cause: error });
  }
}
