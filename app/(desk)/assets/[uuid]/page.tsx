import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StatusBadge } from "@/components/assets/status-badge";
import { AssetFields } from "@/components/assets/asset-fields";
import { AssetHistory } from "@/components/assets/asset-history";
import { AssetIssues } from "@/components/assets/asset-issues";
import { AssetPreview } from "@/components/assets/asset-preview";
import { ProviderRefs } from "@/components/assets/provider-refs";
import { AssetStreams } from "@/components/assets/asset-streams";
import { ReprobeButton } from "@/components/assets/reprobe-button";
import { CopyButton } from "@/components/ui/copy-button";
import { QcPanel } from "@/components/qc/qc-panel";
import { AssetEditForm, AssetWorkflow, EpisodeLinkForm, UnlinkEpisodeButton } from "@/components/assets/asset-actions";
import { AssetNotes } from "@/components/assets/asset-notes";
import { EditorialForm } from "@/components/assets/editorial-form";
import { listNotes } from "@/lib/assets/notes";
import { findAssetByUuid } from "@/lib/assets/queries";
import { editRefusal, metadataRefusal, noteEditRefusal } from "@/lib/assets/rules";
import { can } from "@/lib/auth/permissions";
import { pageActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { fileName, formatDateTime, formatDuration } from "@/lib/format";
import { loadPreview, previewView } from "@/lib/preview/preview";
import { findQcView } from "@/lib/qc/result";
import { hasPictures } from "@/lib/thumbnails/make";
import { parseUuid } from "@/lib/uuid";

export const metadata: Metadata = { title: "Asset" };

function Section({ title, id, children }: { title: string; id?: string; children: React.ReactNode }) {
  // An id without spaces: aria-labelledby reads a space as a list of ids, and the section would go unnamed.
  const headingId = `section-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return (
    <section
      id={id}
      aria-labelledby={headingId}
      className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id={headingId} className="mb-3 text-base font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default async function AssetPage({ params }: { params: Promise<{ uuid: string }> }) {
  const uuid = parseUuid((await params).uuid);
  if (!uuid) notFound();
  const actor = await pageActor();
  const db = await getDb();
  const asset = await findAssetByUuid(db, uuid, actor.role);
  if (!asset) notFound();
  const preview = await loadPreview(db, uuid, actor.role);
  const qc = await findQcView(db, uuid, actor.role);
  const canEdit = editRefusal(actor.role, { ...asset, promoted: asset.catalogAsset !== null }) === null;
  const canLink = asset.status !== "deleted" && can(actor.role, "assets.edit");
  const canEditMetadata = metadataRefusal(actor.role, asset) === null;
  const now = new Date();
  const notes = ((await listNotes(db, actor.role, uuid)) ?? []).map((note) => ({
    uuid: note.uuid,
    body: note.body,
    createdAt: note.createdAt.toISOString(),
    editedAt: note.editedAt?.toISOString() ?? null,
    author: note.author?.name ?? "a removed user",
    canEdit:
      asset.status !== "deleted" &&
      noteEditRefusal(actor.uuid, { authorUuid: note.author?.uuid ?? null, createdAt: note.createdAt }, now) === null,
  }));

  return (
    <div className="space-y-4">
      <div>
        <Link href="/assets" className="text-sm text-sky-800 hover:underline">
          ← Assets
        </Link>
        <h1 className="mt-1 flex flex-wrap items-center gap-3 text-2xl font-semibold tracking-tight">
          <span className="break-all">{fileName(asset.uri)}</span>
          <StatusBadge status={asset.status} />
        </h1>
        {asset.title ? <p className="mt-1 text-lg text-slate-700">{asset.title}</p> : null}
        <div className="mt-2 flex items-center gap-2 text-sm">
          <span className="text-slate-600">uuid</span>
          <code className="rounded bg-slate-100 px-2 py-0.5 font-mono" data-testid="asset-uuid">
            {asset.uuid}
          </code>
          <CopyButton value={asset.uuid} label="Copy uuid" />
        </div>
      </div>

      <AssetIssues missingSince={asset.missingSince} probeError={asset.probeError} />

      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <Section title="Fields">
            <AssetFields asset={asset} />
          </Section>
          <Section title="Editorial">
            {canEditMetadata ? (
              <EditorialForm
                uuid={asset.uuid}
                fields={{
                  title: asset.title,
                  description: asset.description,
                  tags: asset.tags,
                  version: asset.version,
                }}
              />
            ) : (
              <dl className="space-y-1 text-sm">
                <div>
                  <dt className="inline text-slate-600">Title: </dt>
                  <dd className="inline">{asset.title ?? "—"}</dd>
                </div>
                <div>
                  <dt className="inline text-slate-600">Description: </dt>
                  <dd className="inline whitespace-pre-wrap">{asset.description ?? "—"}</dd>
                </div>
                <div>
                  <dt className="inline text-slate-600">Tags: </dt>
                  <dd className="inline">{asset.tags.join(", ") || "—"}</dd>
                </div>
              </dl>
            )}
          </Section>
          <Section title="Notes" id="notes">
            <AssetNotes uuid={asset.uuid} notes={notes} canWrite={asset.status !== "deleted"} />
          </Section>
          <Section title="Streams">
            <AssetStreams probe={asset.probe} />
          </Section>
          <Section title="Provider references">
            <ProviderRefs refs={asset.providerRefs} />
          </Section>
          {canEdit ? (
            <Section title="Edit">
              <AssetEditForm
                uuid={asset.uuid}
                fields={{
                  uri: asset.uri,
                  durationMs: asset.durationMs,
                  videoCodec: asset.videoCodec,
                  audioCodec: asset.audioCodec,
                  container: asset.container,
                  version: asset.version,
                }}
              />
            </Section>
          ) : null}
          <Section title="History">
            <AssetHistory events={asset.history} />
          </Section>
        </div>
        <div className="space-y-4">
          <Section title="Workflow">
            <AssetWorkflow
              uuid={asset.uuid}
              status={asset.status}
              qcFailed={asset.qcVerdict === "fail"}
              can={{
                approve: can(actor.role, "assets.approve"),
                delete: can(actor.role, "assets.delete"),
                restore: can(actor.role, "trash.manage"),
              }}
            />
            {can(actor.role, "assets.reprobe") ? <ReprobeButton uuid={asset.uuid} /> : null}
          </Section>
          <Section title="Preview">
            {preview ? (
              <AssetPreview
                uuid={asset.uuid}
                preview={previewView(preview)}
                durationMs={asset.durationMs}
                pictures={hasPictures(asset)}
                qcEvents={qc?.current ? qc.result?.events : null}
              />
            ) : null}
          </Section>
          <Section title="QC">
            {qc ? (
              <QcPanel uuid={asset.uuid} view={qc} canRun={asset.status !== "deleted" && can(actor.role, "qc.run")} />
            ) : null}
          </Section>
          <Section title="Catalog entry">
            {asset.catalogAsset ? (
              <dl className="space-y-1 text-sm">
                <div>
                  <dt className="inline text-slate-600">Title: </dt>
                  <dd className="inline">{asset.catalogAsset.title}</dd>
                </div>
                <div>
                  <dt className="inline text-slate-600">Duration: </dt>
                  <dd className="inline">{formatDuration(asset.catalogAsset.durationMs)}</dd>
                </div>
                <div>
                  <dt className="inline text-slate-600">Tags: </dt>
                  <dd className="inline">{asset.catalogAsset.tags.join(", ") || "—"}</dd>
                </div>
                <div>
                  <dt className="inline text-slate-600">Promoted: </dt>
                  <dd className="inline">
                    {formatDateTime(asset.catalogAsset.createdAt)}
                    {asset.catalogAsset.createdBy ? ` by ${asset.catalogAsset.createdBy.email}` : ""}
                  </dd>
                </div>
                <div>
                  <dt className="inline text-slate-600">Catalog uuid: </dt>
                  <dd className="inline font-mono text-xs">
                    <Link href={`/catalog/${asset.catalogAsset.uuid}`} className="text-sky-800 hover:underline">
                      {asset.catalogAsset.uuid}
                    </Link>
                  </dd>
                </div>
              </dl>
            ) : (
              <p className="text-sm text-slate-600">
                Not promoted. Only approved assets can be promoted to the catalog.
              </p>
            )}
          </Section>
          <Section title="Episodes">
            {asset.episodes.length ? (
              <ul className="space-y-1 text-sm">
                {asset.episodes.map((episode) => (
                  <li key={episode.uuid}>
                    {episode.seriesTitle} S{String(episode.seasonNumber).padStart(2, "0")}E
                    {String(episode.episodeNumber).padStart(2, "0")} — {episode.title}
                    {canLink ? (
                      <UnlinkEpisodeButton
                        uuid={asset.uuid}
                        episodeUuid={episode.uuid}
                        label={`${episode.seriesTitle} ${episode.title}`}
                      />
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-600">Not linked to an episode.</p>
            )}
            {canLink ? (
              <details className="mt-3">
                <summary className="cursor-pointer text-sm text-slate-700">Link to an episode</summary>
                <div className="mt-2">
                  <EpisodeLinkForm uuid={asset.uuid} />
                </div>
              </details>
            ) : null}
          </Section>
          <Section title="Same content (sha256)">
            {asset.duplicates.length ? (
              <ul className="space-y-1 text-sm">
                {asset.duplicates.map((duplicate) => (
                  <li key={duplicate.uuid}>
                    <Link href={`/assets/${duplicate.uuid}`} className="break-all text-sky-800 hover:underline">
                      {duplicate.uri}
                    </Link>
                    {duplicate.isDeleted ? <span className="ml-1 text-xs text-slate-500">(deleted)</span> : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-600">
                {asset.hashSha256 ? "No other asset has this hash." : "Not hashed yet."}
              </p>
            )}
          </Section>
        </div>
      </div>
    </div>
  );
}
