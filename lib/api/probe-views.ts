import { z } from "zod";

// The full probe in the REST API (docs/media-probing.md): the filter figures every asset carries,
// and the streams the asset detail carries. Shapes of lib/ingest/full-probe.ts.

const count = z.number().int();

export const streamsSchema = z
  .object({
    videoHeight: count.nullable().meta({ description: "height of the first video stream, in lines" }),
    interlaced: z.boolean().nullable(),
    hdr: z.boolean().nullable().meta({ description: "transfer smpte2084 (HDR10) or arib-std-b67 (HLG)" }),
    audioChannels: count.nullable().meta({ description: "channels of the widest audio stream" }),
    audioLanguages: z.array(z.string()).nullable().meta({ description: "ISO 639-2 codes of the audio streams" }),
    subtitleCount: count.nullable(),
  })
  .meta({
    id: "StreamFigures",
    description: "The full probe's figures the table filters on; every one null before the file's full probe.",
  });

export const fullProbeSchema = z
  .object({
    video: z.array(
      z.object({
        index: count,
        codec: z.string().nullable(),
        width: count.nullable(),
        height: count.nullable(),
        displayAspect: z.string().nullable().meta({ description: "as ffprobe gives it, e.g. 16:9" }),
        frameRate: z.number().nullable().meta({ description: "frames per second, three decimals" }),
        fieldOrder: z.enum(["progressive", "tff", "bff"]).nullable(),
        pixelFormat: z.string().nullable(),
        bitDepth: count.nullable(),
        transfer: z.string().nullable().meta({ description: "ffprobe's color_transfer" }),
        hdr: z.enum(["hdr10", "hlg"]).nullable(),
        bitRate: count.nullable().meta({ description: "bits per second" }),
      }),
    ),
    audio: z.array(
      z.object({
        index: count,
        codec: z.string().nullable(),
        channels: count.nullable(),
        channelLayout: z.string().nullable(),
        sampleRate: count.nullable(),
        language: z.string().nullable(),
        bitRate: count.nullable(),
      }),
    ),
    subtitles: z.array(z.object({ index: count, codec: z.string().nullable(), language: z.string().nullable() })),
  })
  .meta({ id: "FullProbe", description: "Every stream of the file as ffprobe read it, normalised." });
