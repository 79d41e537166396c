import { z } from "zod";
import { csv, type Specs } from "@/lib/table/search-params";

// The asset table's full-probe filters (docs/media-probing.md): their URL values, labels and specs.
// Client-safe, so the filters bar and the URL parser read the same lists; the SQL is in probe-filters.ts.

/** By the first video stream's height: sd below 720 lines, 720p up to 1079, 1080p up to 2159, 2160p from 2160. */
export const RESOLUTIONS = ["sd", "720p", "1080p", "2160p"] as const;
export type Resolution = (typeof RESOLUTIONS)[number];
export const RESOLUTION_LABELS: Record<Resolution, string> = {
  sd: "SD",
  "720p": "720p",
  "1080p": "1080p",
  "2160p": "2160p (UHD)",
};

/** By the widest audio stream: 1 channel, 2, or 6 and more. */
export const CHANNEL_CLASSES = ["mono", "stereo", "surround"] as const;
export type ChannelClass = (typeof CHANNEL_CLASSES)[number];
export const CHANNEL_LABELS: Record<ChannelClass, string> = { mono: "mono", stereo: "stereo", surround: "5.1+" };

const YES_NO = ["yes", "no"] as const;

export interface ProbeFilter {
  res: Resolution[] | undefined;
  interlaced: "yes" | "no" | undefined;
  hdr: "yes" | "no" | undefined;
  channels: ChannelClass[] | undefined;
  /** ISO 639-2 codes as tagged (fra, eng…): an asset with an audio stream in any of them. */
  alang: string[] | undefined;
  subs: "yes" | "no" | undefined;
}

export const NO_PROBE_FILTER: ProbeFilter = {
  res: undefined,
  interlaced: undefined,
  hdr: undefined,
  channels: undefined,
  alang: undefined,
  subs: undefined,
};

export const PROBE_FILTER_SPECS: Specs<ProbeFilter> = {
  res: { schema: csv(z.enum(RESOLUTIONS)), expected: `a comma-separated list of ${RESOLUTIONS.join(", ")}` },
  interlaced: { schema: z.enum(YES_NO), expected: "yes or no" },
  hdr: { schema: z.enum(YES_NO), expected: "yes or no" },
  channels: {
    schema: csv(z.enum(CHANNEL_CLASSES)),
    expected: `a comma-separated list of ${CHANNEL_CLASSES.join(", ")}`,
  },
  alang: {
    schema: csv(
      z
        .string()
        .toLowerCase()
        .regex(/^[a-z]{2,3}$/),
    ),
    expected: "a comma-separated list of language codes such as eng,fra",
  },
  subs: { schema: z.enum(YES_NO), expected: "yes or no" },
};

/** The probe filters of a parsed query, for a selection (lib/assets/selection.ts). */
export const pickProbeFilter = (query: ProbeFilter): ProbeFilter => ({
  res: query.res,
  interlaced: query.interlaced,
  hdr: query.hdr,
  channels: query.channels,
  alang: query.alang,
  subs: query.subs,
});
