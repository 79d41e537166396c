import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ChannelClass, ProbeFilter, Resolution } from "@/lib/assets/probe-filter-params";

// The full-probe filters as SQL over `assets a`, each on an indexed column (prisma/schema.prisma).
// An asset without a full probe matches none of them, "no" included: unknown is not "no".

const HEIGHTS: Record<Resolution, Prisma.Sql> = {
  sd: Prisma.sql`a.video_height < 720`,
  "720p": Prisma.sql`a.video_height BETWEEN 720 AND 1079`,
  "1080p": Prisma.sql`a.video_height BETWEEN 1080 AND 2159`,
  "2160p": Prisma.sql`a.video_height >= 2160`,
};

const CHANNELS: Record<ChannelClass, Prisma.Sql> = {
  mono: Prisma.sql`a.audio_channels = 1`,
  stereo: Prisma.sql`a.audio_channels = 2`,
  surround: Prisma.sql`a.audio_channels >= 6`,
};

/** The filter columns of `assets a` as one JSON object (lib/ingest/full-probe.ts, ProbeColumns). */
export const probeColumnsJsonSql = Prisma.sql`jsonb_build_object('videoHeight', a.video_height, 'interlaced', a.interlaced,
  'hdr', a.hdr, 'audioChannels', a.audio_channels, 'audioLanguages', to_jsonb(a.audio_languages), 'subtitleCount', a.subtitle_count)`;

const anyOf = (parts: Prisma.Sql[]) => Prisma.sql`(${Prisma.join(parts, " OR ")})`;

export function probeFilterConditions(filter: Partial<ProbeFilter>): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (filter.res) conditions.push(anyOf(filter.res.map((res) => HEIGHTS[res])));
  if (filter.interlaced) conditions.push(Prisma.sql`a.interlaced = ${filter.interlaced === "yes"}`);
  if (filter.hdr) conditions.push(Prisma.sql`a.hdr = ${filter.hdr === "yes"}`);
  if (filter.channels) conditions.push(anyOf(filter.channels.map((channels) => CHANNELS[channels])));
  if (filter.alang) conditions.push(Prisma.sql`a.audio_languages && ${filter.alang}::text[]`);
  if (filter.subs === "yes") conditions.push(Prisma.sql`a.subtitle_count > 0`);
  if (filter.subs === "no") conditions.push(Prisma.sql`a.subtitle_count = 0`);
  return conditions;
}
