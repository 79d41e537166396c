import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CatalogEditForm, ReplaceSourceForm } from "@/components/catalog/catalog-entry-forms";
import { CopyButton } from "@/components/ui/copy-button";
import { can } from "@/lib/auth/permissions";
import { pageActor } from "@/lib/auth/session";
import { CATALOG_HEALTH_LABEL } from "@/lib/catalog/health";
import { findCatalogEntry } from "@/lib/catalog/detail";
import { catalogListHref } from "@/lib/catalog/list-params";
import { CATALOG_LIST_DEFAULTS } from "@/lib/catalog/list-params";
import { replacementCandidates } from "@/lib/catalog/replace-source";
import { getDb } from "@/lib/db";
import { formatDateTime, formatDuration } from "@/lib/format";
import { parseUuid } from "@/lib/uuid";

export const metadata: Metadata = { title: "Catalog entry" };

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  // aria-labelledby takes a list of ids separated by spaces: the id must not contain one.
  const id = `section-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={id} className="mb-3 text-base font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[9rem_1fr] gap-2">
      <dt className="text-slate-600">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </div>
  );
}

/** The audit row's before → after, one changed field a line. */
function Change({ before, after }: { before: unknown; after: unknown }) {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((field) => field !== "undoOf");
  const show = (value: unknown) => (Array.isArray(value) ? value.join(", ") || "—" : String(value ?? "—"));
  return (
    <ul className="text-xs text-slate-700">
      {fields.map((field) => (
        <li key={field} className="break-all">
          {field}: {show(b[field])} → {show(a[field])}
        </li>
      ))}
    </ul>
  );
}

export default async function CatalogEntryPage({ params }: { params: Promise<{ uuid: string }> }) {
  const uuid = parseUuid((await params).uuid);
  if (!uuid) notFound();
  const actor = await pageActor();
  const db = await getDb();
  const entry = await findCatalogEntry(db, uuid);
  if (!entry) notFound();
  const canEdit = can(actor.role, "catalog.edit");
  const candidates = canEdit ? await replacementCandidates(db, uuid) : [];

  return (
    <div className="space-y-4">
      <div>
        <Link href="/catalog" className="text-sm text-sky-800 hover:underline">
          ← Catalog
        </Link>
        <h1 className="mt-1 flex flex-wrap items-center gap-3 text-2xl font-semibold tracking-tight">
          <span className="break-all">{entry.title}</span>
          {entry.health ? (
            <span className="rounded bg-amber-100 px-2 py-0.5 text-sm font-medium text-amber-900">
              {CATALOG_HEALTH_LABEL[entry.health]}
            </span>
          ) : null}
        </h1>
        <div className="mt-2 flex items-center gap-2 text-sm">
          <span className="text-slate-600">catalog uuid</span>
          <code className="rounded bg-slate-100 px-2 py-0.5 font-mono" data-testid="catalog-uuid">
            {entry.uuid}
          </code>
          <CopyButton value={entry.uuid} label="Copy uuid" />
        </div>
      </div>

      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <Section title="Entry">
            <dl className="space-y-1 text-sm">
              <Fact label="Title">{entry.title}</Fact>
              <Fact label="Tags">
                {entry.tags.length ? (
                  <span className="flex flex-wrap gap-1">
                    {entry.tags.map((tag) => (
                      <Link
                        key={tag}
                        href={catalogListHref(CATALOG_LIST_DEFAULTS, { tag: [tag] })}
                        className="rounded bg-slate-100 px-1.5 py-0.5 text-xs hover:bg-slate-200"
                      >
                        {tag}
                      </Link>
                    ))}
                  </span>
                ) : (
                  "—"
                )}
              </Fact>
              <Fact label="Duration">{formatDuration(entry.durationMs)}</Fact>
              <Fact label="File">
                <span className="break-all font-mono text-xs">{entry.filePath}</span>
              </Fact>
              <Fact label="SHA-256 at promotion">
                <span className="break-all font-mono text-xs">{entry.sourceSha256 ?? "not hashed"}</span>
              </Fact>
              <Fact label="Health">{entry.health ? CATALOG_HEALTH_LABEL[entry.health] : "OK"}</Fact>
              <Fact label="Promoted">
                {formatDateTime(entry.createdAt)}
                {entry.createdByEmail ? ` by ${entry.createdByEmail}` : ""}
              </Fact>
              <Fact label="Last changed">
                {formatDateTime(entry.updatedAt)} (version {entry.version})
              </Fact>
              <Fact label="Source asset">
                {entry.sourceAssetUuid ? (
                  <Link
                    href={`/assets/${entry.sourceAssetUuid}`}
                    className="font-mono text-xs text-sky-800 hover:underline"
                  >
                    {entry.sourceAssetUuid}
                  </Link>
                ) : (
                  <span className="text-slate-500">removed</span>
                )}
              </Fact>
            </dl>
          </Section>
          <Section title="History">
            {entry.history.length ? (
              <ol className="space-y-2 text-sm">
                {entry.history.map((event) => (
                  <li key={event.uuid}>
                    <div className="flex flex-wrap gap-x-3">
                      <time className="whitespace-nowrap text-slate-500" dateTime={event.at.toISOString()}>
                        {formatDateTime(event.at)}
                      </time>
                      <span className="font-medium">{event.action}</span>
                      <span className="text-slate-600">{event.actorEmail ?? "system"}</span>
                    </div>
                    <Change before={event.before} after={event.after} />
                  </li>
                ))}
              </ol>
            ) : (
              <p className="text-sm text-slate-600">No changes since promotion.</p>
            )}
          </Section>
        </div>
        <div className="space-y-4">
          {canEdit ? (
            <>
              <Section title="Edit">
                <CatalogEditForm
                  uuid={entry.uuid}
                  fields={{ title: entry.title, tags: entry.tags, version: entry.version }}
                />
              </Section>
              <Section title="Replace source">
                <p className="mb-2 text-xs text-slate-600">
                  Point this entry at another approved asset (a better copy, the same episode). The entry keeps its
                  uuid, title and tags; its file, duration and hash become the new asset&apos;s. The old asset stays
                  approved.
                </p>
                <ReplaceSourceForm uuid={entry.uuid} candidates={candidates} />
              </Section>
            </>
          ) : null}
        </div>
      </div>
    </div>
  );
}
