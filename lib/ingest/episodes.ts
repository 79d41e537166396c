import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ProviderEpisode } from "@/lib/ingest/providers/types";

export const episodeKey = (episode: ProviderEpisode) =>
  `${episode.seriesTitle}\u0000${episode.seasonNumber}\u0000${episode.episodeNumber}`;

/**
 * Creates the episodes a provider reported (matched by series, season and episode number; an
 * existing episode keeps its title) and links each asset to its episode. Returns episode ids by key.
 */
export async function linkEpisodes(
  tx: Prisma.TransactionClient,
  links: { assetId: number; episode: ProviderEpisode }[],
): Promise<Map<string, number>> {
  if (links.length === 0) return new Map();
  const unique = [...new Map(links.map((link) => [episodeKey(link.episode), link.episode])).values()];
  const rows = await tx.$queryRaw<
    { id: number; series_title: string; season_number: number; episode_number: number }[]
  >`
    WITH v AS (
      SELECT * FROM unnest(${unique.map((e) => e.seriesTitle)}::text[], ${unique.map((e) => e.seasonNumber)}::int[],
        ${unique.map((e) => e.episodeNumber)}::int[], ${unique.map((e) => e.title)}::text[]) AS v(series_title, season_number, episode_number, title)
    ), created AS (
      INSERT INTO episodes (series_title, season_number, episode_number, title) SELECT * FROM v
      ON CONFLICT (series_title, season_number, episode_number) DO NOTHING
      RETURNING id, series_title, season_number, episode_number
    )
    SELECT id, series_title, season_number, episode_number FROM created
    UNION ALL
    SELECT e.id, e.series_title, e.season_number, e.episode_number FROM episodes e
    JOIN v USING (series_title, season_number, episode_number)`;
  const ids = new Map(
    rows.map((row) => [
      episodeKey({
        seriesTitle: row.series_title,
        seasonNumber: row.season_number,
        episodeNumber: row.episode_number,
        title: "",
      }),
      row.id,
    ]),
  );
  await tx.$executeRaw`
    INSERT INTO episode_assets (episode_id, asset_id)
    SELECT * FROM unnest(${links.map((link) => ids.get(episodeKey(link.episode))!)}::int[], ${links.map((link) => link.assetId)}::int[])
    ON CONFLICT DO NOTHING`;
  return ids;
}
