import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db";
import type { Prisma, Role } from "@/lib/generated/prisma/client";
import type { AuditAction } from "@/lib/audit/actions";
import { hashPassword } from "@/lib/auth/password";
import { fileName } from "@/lib/format";
import { assetAttributes, type AssetInput } from "@/lib/seed/factories";
import { between, hex, pick, seededRandom, type Random } from "@/lib/seed/random";
import { samplesDir, seedSampleMedia } from "@/lib/seed/samples";

// A realistic desk for demos and manual testing: two series, films, interstitials; every
// workflow state; Plex, Jellyfin and filesystem refs; a few duplicate files; an audit trail; and,
// when ffmpeg is available, a few short real clips for the media preview (lib/seed/samples.ts).

export const DEMO_USERS: ReadonlyArray<{ email: string; name: string; role: Role }> = [
  { email: "operator@demo.local", name: "Olive Operator", role: "operator" },
  { email: "editor@demo.local", name: "Eddie Editor", role: "editor" },
  { email: "admin@demo.local", name: "Ada Admin", role: "admin" },
];

export const DEFAULT_DEMO_PASSWORD = "asset-desk-demo";

const SERIES = [
  {
    title: "Starlight Patrol",
    seasons: 2,
    episodes: 8,
    words: ["Signal", "Orbit", "Relay", "Comet", "Drift", "Beacon", "Static", "Eclipse"],
  },
  {
    title: "Maple Street",
    seasons: 1,
    episodes: 10,
    words: [
      "Porch",
      "Parade",
      "Snowday",
      "Bake Sale",
      "Blackout",
      "Reunion",
      "Recital",
      "Garage",
      "Picnic",
      "Farewell",
    ],
  },
];
const FILMS = [
  "The Long Antenna",
  "Midnight Test Pattern",
  "Harbor of Echoes",
  "Velvet Frequency",
  "Northern Relay",
  "The Quiet Transmitter",
  "Copper Skies",
  "Last Call at the Drive-In",
];
const CLIPS = [
  "Station Ident",
  "Sign-off",
  "Test Card",
  "Cereal Ad",
  "Soda Ad",
  "Car Ad",
  "Weather Bumper",
  "News Open",
  "Promo",
];
const DELETE_REASONS = [
  "Duplicate of a better encode",
  "Corrupt file: audio drops out",
  "Wrong episode in file",
  "Rights expired",
];
const PROBE_ERRORS = ["Invalid data found when processing input", "moov atom not found"];

type Planned = { attrs: AssetInput; episodeKey?: string; kind: "episode" | "film" | "clip"; title: string };

function planAssets(random: Random): Planned[] {
  const planned: Planned[] = [];
  for (const series of SERIES) {
    for (let season = 1; season <= series.seasons; season++) {
      for (let episode = 1; episode <= series.episodes; episode++) {
        const code = `S${String(season).padStart(2, "0")}E${String(episode).padStart(2, "0")}`;
        const title = `${series.words[episode - 1]}${season > 1 ? " Returns" : ""}`;
        const stem = `/media/tv/${series.title}/Season ${String(season).padStart(2, "0")}/${series.title} - ${code} - ${title}`;
        const key = `${series.title}|${season}|${episode}`;
        planned.push({
          attrs: assetAttributes(random, stem, { durationMs: between(random, 1_380_000, 1_560_000) }),
          episodeKey: key,
          kind: "episode",
          title: `${series.title} ${code} ${title}`,
        });
        // Some episodes also exist as a second encode (an SD capture).
        if (random() < 0.3) {
          planned.push({
            attrs: assetAttributes(random, `${stem} (SD capture)`, {
              durationMs: between(random, 1_380_000, 1_560_000),
            }),
            episodeKey: key,
            kind: "episode",
            title: `${series.title} ${code} ${title}`,
          });
        }
      }
    }
  }
  for (const [index, film] of FILMS.entries()) {
    for (const cut of ["", " (Director's Cut)", " (Broadcast Edit)"].slice(0, 1 + (index % 3))) {
      const year = 1955 + index * 4;
      planned.push({
        attrs: assetAttributes(random, `/media/films/${film} (${year})/${film}${cut}`, {
          durationMs: between(random, 5_100_000, 7_800_000),
        }),
        kind: "film",
        title: `${film}${cut}`,
      });
    }
  }
  while (planned.length < 300) {
    const clip = pick(random, CLIPS);
    const n = planned.length;
    planned.push({
      attrs: assetAttributes(
        random,
        `/media/interstitials/${clip.replace(/ /g, "_").toLowerCase()}_${String(n).padStart(4, "0")}`,
        { durationMs: between(random, 10_000, 120_000) },
      ),
      kind: "clip",
      title: `${clip} ${n}`,
    });
  }
  // A few files copied into the incoming folder: same bytes (hash), different path.
  for (let i = 0; i < 6; i++) {
    const original = planned[Math.floor(random() * planned.length)];
    if (!original) continue;
    const uri = `/media/incoming/copy-${i}-${fileName(original.attrs.uri)}`;
    planned.push({ ...original, attrs: { ...original.attrs, uri, discoveredAt: new Date() } });
  }
  return planned;
}

function providerRefs(
  random: Random,
  asset: { id: number; uri: string },
  plan: Planned,
  episodeId: number | undefined,
): Prisma.ProviderRefCreateManyInput[] {
  const refs: Prisma.ProviderRefCreateManyInput[] = [
    {
      provider: "filesystem",
      providerKey: asset.uri,
      assetId: asset.id,
      raw: { path: asset.uri, size: Number(plan.attrs.size) },
    },
  ];
  if (plan.kind !== "clip" && !asset.uri.startsWith("/media/incoming/")) {
    const ratingKey = String(between(random, 1000, 99999));
    refs.push({
      provider: "plex",
      providerKey: ratingKey,
      assetId: asset.id,
      episodeId,
      raw: {
        ratingKey,
        key: `/library/metadata/${ratingKey}`,
        type: plan.kind === "film" ? "movie" : "episode",
        title: plan.title,
        Media: [
          {
            container: plan.attrs.container,
            videoCodec: plan.attrs.videoCodec,
            audioCodec: plan.attrs.audioCodec,
            duration: plan.attrs.durationMs,
            Part: [{ file: asset.uri, size: Number(plan.attrs.size) }],
          },
        ],
      },
    });
    if (random() < 0.7) {
      const itemId = hex(random, 32);
      refs.push({
        provider: "jellyfin",
        providerKey: itemId,
        assetId: asset.id,
        episodeId,
        raw: {
          Id: itemId,
          Name: plan.title,
          Type: plan.kind === "film" ? "Movie" : "Episode",
          Path: asset.uri,
          RunTimeTicks: (plan.attrs.durationMs ?? 0) * 10_000,
          Container: plan.attrs.container,
        },
      });
    }
  }
  return refs;
}

export async function seedDemo(
  db: Db,
  { password = DEFAULT_DEMO_PASSWORD, samples = samplesDir() }: { password?: string; samples?: string } = {},
) {
  const passwordHash = await hashPassword(password);
  const users = await Promise.all(
    DEMO_USERS.map((user) =>
      db.user.upsert({
        where: { email: user.email },
        // An existing account is never touched: a seed run on a live database must not re-enable a
        // disabled demo admin or put back the published default password.
        update: {},
        create: { ...user, passwordHash },
        select: { id: true, uuid: true, email: true },
      }),
    ),
  );
  // Demo assets only on an empty database; the sample clips are added whenever they are missing.
  const assets = (await db.asset.count()) > 0 ? 0 : await seedDemoAssets(db, users[1]!);
  const sampleResult = await seedSampleMedia(db, { dir: samples });
  // A folder source over the sample clips, so "Scan now" has something real to scan.
  if (!sampleResult.skipped) {
    await db.source.upsert({
      where: { name: "Sample clips" },
      update: {},
      create: { kind: "filesystem", name: "Sample clips", roots: [sampleResult.dir], createdById: users[2]!.id },
    });
  }
  return { users: users.length, assets, samples: sampleResult };
}

async function seedDemoAssets(db: Db, editor: { id: number; uuid: string; email: string }): Promise<number> {
  const random = seededRandom(20261124);
  const plans = planAssets(random);

  return db.$transaction(
    async (tx) => {
      const episodes = new Map<string, number>();
      for (const series of SERIES) {
        for (let season = 1; season <= series.seasons; season++) {
          for (let episode = 1; episode <= series.episodes; episode++) {
            const title = `${series.words[episode - 1]}${season > 1 ? " Returns" : ""}`;
            const row = await tx.episode.create({
              data: { seriesTitle: series.title, seasonNumber: season, episodeNumber: episode, title },
              select: { id: true },
            });
            episodes.set(`${series.title}|${season}|${episode}`, row.id);
          }
        }
      }
      // Missing probe data: the scanner found the file but ffprobe could not read it.
      for (const plan of plans) {
        if (random() < 0.06)
          Object.assign(plan.attrs, { durationMs: null, videoCodec: null, audioCodec: null, container: null });
      }
      // Scan problems (chosen without drawing on `random`, so the rest of the demo stays the same):
      // two of those files ffprobe could not read, and three films the last scan no longer found.
      for (const [index, plan] of plans
        .filter((plan) => plan.attrs.durationMs === null)
        .slice(0, PROBE_ERRORS.length)
        .entries())
        plan.attrs.probeError = PROBE_ERRORS[index];
      for (const [index, plan] of plans
        .filter((plan) => plan.kind === "film")
        .slice(0, 3)
        .entries())
        plan.attrs.missingSince = new Date(Date.now() - (index + 1) * 2 * 86_400_000);
      // The films carry editorial metadata, so the demo shows titles and tags.
      for (const plan of plans.filter((plan) => plan.kind === "film"))
        Object.assign(plan.attrs, { title: plan.title, tags: ["film"] });
      const assets = await tx.asset.createManyAndReturn({
        data: plans.map((plan) => plan.attrs),
        select: { id: true, uuid: true, uri: true, durationMs: true, hashSha256: true },
      });
      const refs: Prisma.ProviderRefCreateManyInput[] = [];
      const links: Prisma.EpisodeAssetCreateManyInput[] = [];
      const audit: Prisma.AuditEventCreateManyInput[] = [];
      const catalog: Prisma.CatalogAssetCreateManyInput[] = [];
      const actor = { actorId: editor.id, actorUuid: editor.uuid, actorEmail: editor.email, targetType: "asset" };
      const event = (
        action: AuditAction,
        targetUuid: string,
        at: Date,
        before: object,
        after: object,
        batchUuid?: string,
      ) => audit.push({ ...actor, action, targetUuid, at, before, after, batchUuid });
      const approveBatch = randomUUID();
      const now = Date.now();

      for (const [index, asset] of assets.entries()) {
        const plan = plans[index]!;
        const episodeId = plan.episodeKey ? episodes.get(plan.episodeKey) : undefined;
        refs.push(...providerRefs(random, asset, plan, episodeId));
        if (episodeId) links.push({ episodeId, assetId: asset.id });

        const roll = random();
        const at = new Date(now - between(random, 60, 7 * 24 * 3600) * 1000);
        if (roll < 0.08) {
          const reason = pick(random, DELETE_REASONS);
          // Half of the trash is old (two to three months), so retention and "deleted more than 30
          // days ago" have something to show.
          const deletedAt = roll < 0.04 ? new Date(at.getTime() - 60 * 24 * 3600 * 1000) : at;
          await tx.asset.update({
            where: { id: asset.id },
            data: {
              isDeleted: true,
              deletedAt,
              deletedById: editor.id,
              deleteReason: reason,
              version: { increment: 1 },
            },
          });
          event("asset.delete", asset.uuid, deletedAt, { isDeleted: false }, { isDeleted: true, deleteReason: reason });
        } else if (roll < 0.55 && asset.durationMs !== null) {
          await tx.asset.update({ where: { id: asset.id }, data: { canonical: true, version: { increment: 1 } } });
          event(
            "asset.approve",
            asset.uuid,
            at,
            { canonical: false },
            { canonical: true },
            roll < 0.2 ? approveBatch : undefined,
          );
          if (roll < 0.3) {
            const promotedAt = new Date(at.getTime() + 3600_000);
            const catalogUuid = randomUUID();
            catalog.push({
              uuid: catalogUuid,
              title: plan.title,
              durationMs: asset.durationMs,
              filePath: asset.uri,
              sourceSha256: asset.hashSha256,
              tags: [plan.kind],
              sourceAssetId: asset.id,
              createdById: editor.id,
              createdAt: promotedAt,
            });
            event("asset.promote", asset.uuid, promotedAt, { catalogUuid: null }, { catalogUuid });
          }
        }
      }
      await tx.providerRef.createMany({ data: refs });
      await tx.episodeAsset.createMany({ data: links });
      await tx.catalogAsset.createMany({ data: catalog });
      await tx.auditEvent.createMany({ data: audit });
      return assets.length;
    },
    { timeout: 120_000 },
  );
}
