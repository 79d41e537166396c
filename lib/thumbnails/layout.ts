// The scrub strip's geometry and its WebVTT track, as pure functions: the generator, the VTT route
// and the browser's scrub strip all read the same numbers (plain module, no server code).

/** Tiles are 160x90 (16:9); a source of another shape is letter- or pillar-boxed inside the tile. */
export const TILE_WIDTH = 160;
export const TILE_HEIGHT = 90;
/** One tile per this many milliseconds of media, up to MAX_TILES. */
export const TILE_EVERY_MS = 10_000;
export const MAX_TILES = 100;
export const GRID_COLUMNS = 10;
/** The poster's width; its height follows the source's display aspect ratio. */
export const POSTER_WIDTH = 320;

export interface StripLayout {
  tiles: number;
  /** Each tile stands for this span of the media: tile k for [k·interval, (k+1)·interval). */
  intervalMs: number;
  columns: number;
  rows: number;
  tileWidth: number;
  tileHeight: number;
}

/** How a strip of a media of this duration is laid out: ceil(duration / 10 s) tiles, 1 to 100, ten to a row. */
export function stripLayout(durationMs: number): StripLayout {
  const tiles = Math.min(MAX_TILES, Math.max(1, Math.ceil(durationMs / TILE_EVERY_MS)));
  const columns = Math.min(tiles, GRID_COLUMNS);
  return {
    tiles,
    intervalMs: durationMs / tiles,
    columns,
    rows: Math.ceil(tiles / columns),
    tileWidth: TILE_WIDTH,
    tileHeight: TILE_HEIGHT,
  };
}

export interface StripCue {
  startMs: number;
  endMs: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The cues of the strip: one per tile, end to end over the whole duration. */
export function stripCues(layout: StripLayout, durationMs: number): StripCue[] {
  return Array.from({ length: layout.tiles }, (_, k) => ({
    startMs: Math.round(k * layout.intervalMs),
    endMs: k === layout.tiles - 1 ? durationMs : Math.round((k + 1) * layout.intervalMs),
    x: (k % layout.columns) * layout.tileWidth,
    y: Math.floor(k / layout.columns) * layout.tileHeight,
    w: layout.tileWidth,
    h: layout.tileHeight,
  }));
}

/** hh:mm:ss.mmm, as WebVTT wants it. */
export function vttTime(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const seconds = Math.floor((total % 60_000) / 1000);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}.${pad(total % 1000, 3)}`;
}

/** A WebVTT thumbnails track: each cue's text is the sprite's URL with a `#xywh=` media fragment. */
export function stripVtt(spriteUrl: string, cues: StripCue[]): string {
  const blocks = cues.map(
    (cue) => `${vttTime(cue.startMs)} --> ${vttTime(cue.endMs)}\n${spriteUrl}#xywh=${cue.x},${cue.y},${cue.w},${cue.h}`,
  );
  return `WEBVTT\n\n${blocks.join("\n\n")}\n`;
}

/** Reads a thumbnails track back (the browser's scrub strip); cues it cannot read are left out. */
export function parseStripVtt(text: string): StripCue[] {
  const cues: StripCue[] = [];
  const pattern =
    /(\d+):(\d{2}):(\d{2})\.(\d{3})\s*-->\s*(\d+):(\d{2}):(\d{2})\.(\d{3})\s*\n[^\n#]*#xywh=(\d+),(\d+),(\d+),(\d+)/g;
  const ms = (h: string, m: string, s: string, f: string) =>
    ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000 + Number(f);
  for (const match of text.matchAll(pattern)) {
    const [, h1, m1, s1, f1, h2, m2, s2, f2, x, y, w, h] = match as unknown as string[];
    cues.push({
      startMs: ms(h1!, m1!, s1!, f1!),
      endMs: ms(h2!, m2!, s2!, f2!),
      x: Number(x),
      y: Number(y),
      w: Number(w),
      h: Number(h),
    });
  }
  return cues;
}
