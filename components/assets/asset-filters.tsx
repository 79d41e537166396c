"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import {
  ASSET_ISSUES,
  ASSET_ISSUE_LABELS,
  QC_FILTER_LABELS,
  QC_FILTERS,
  NO_ASSET_FILTER,
  PROVIDERS,
  assetListHref,
  type AssetListQuery,
} from "@/lib/assets/list-params";
import { pickProbeFilter } from "@/lib/assets/probe-filter-params";
import { hasProbeFilter, ProbeFilterFields, readProbeFilter } from "@/components/assets/probe-filter-fields";

type Facets = { container: string[]; vcodec: string[]; acodec: string[] };

const input = "rounded border border-slate-300 px-2 py-1 text-sm";

function number(value: FormDataEntryValue | null, scale = 1): number | undefined {
  const text = typeof value === "string" ? value.trim() : "";
  if (text === "") return undefined;
  const parsed = Number(text);
  return Number.isFinite(parsed) && parsed >= 0 ? parsed * scale : undefined;
}

function list(form: FormData, name: string): string[] | undefined {
  const values = form.getAll(name).filter((value): value is string => typeof value === "string" && value !== "");
  return values.length ? values : undefined;
}

function text(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function Choices({
  legend,
  name,
  options,
  chosen,
}: {
  legend: string;
  name: string;
  options: readonly string[];
  chosen: string[] | undefined;
}) {
  return (
    <fieldset className="min-w-36">
      <legend className="text-xs font-medium text-slate-600">{legend}</legend>
      <div className="mt-1 flex max-h-32 flex-col overflow-y-auto">
        {options.length === 0 ? <span className="text-xs text-slate-400">none yet</span> : null}
        {options.map((option) => (
          <label key={option} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name={name} value={option} defaultChecked={chosen?.includes(option)} />
            {option}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The filter bar. Applying it writes the filters into the URL; the server does the filtering. */
export function AssetFilters({ query, facets }: { query: AssetListQuery; facets: Facets }) {
  const router = useRouter();
  const advanced = Boolean(
    query.provider ||
    query.container ||
    query.vcodec ||
    query.acodec ||
    query.dur_min !== undefined ||
    query.dur_max !== undefined ||
    query.size_min !== undefined ||
    query.size_max !== undefined ||
    query.from ||
    query.to ||
    query.unprobed ||
    query.dupes ||
    query.episode ||
    query.issue ||
    hasProbeFilter(pickProbeFilter(query)) ||
    query.qc ||
    query.tag ||
    query.notes,
  );

  function apply(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    router.push(
      assetListHref(query, {
        q: text(form, "q"),
        provider: list(form, "provider") as AssetListQuery["provider"],
        container: list(form, "container"),
        vcodec: list(form, "vcodec"),
        acodec: list(form, "acodec"),
        dur_min: number(form.get("dur_min"), 60),
        dur_max: number(form.get("dur_max"), 60),
        size_min: number(form.get("size_min")),
        size_max: number(form.get("size_max")),
        from: text(form, "from"),
        to: text(form, "to"),
        unprobed: form.get("unprobed") ? "1" : undefined,
        dupes: form.get("dupes") ? "1" : undefined,
        episode: (text(form, "episode") as AssetListQuery["episode"]) ?? undefined,
        issue: text(form, "issue") as AssetListQuery["issue"],
        ...readProbeFilter(form),
        qc: text(form, "qc") as AssetListQuery["qc"],
        // The server normalises the tags (lib/assets/tags.ts) and says so if one cannot be read.
        tag: text(form, "tag")
          ?.split(",")
          .map((tag) => tag.trim())
          .filter(Boolean),
        notes: form.get("notes") ? "1" : undefined,
      }),
    );
  }

  // Keyed by the URL so the fields show the applied filters after back/forward navigation.
  return (
    <form
      key={assetListHref(query)}
      onSubmit={apply}
      role="search"
      aria-label="Filter assets"
      className="mb-3 rounded-lg border border-slate-200 bg-white p-3"
    >
      <div className="flex flex-wrap items-end gap-2">
        <div className="grow">
          <label htmlFor="asset-search" className="block text-xs font-medium text-slate-600">
            Search file path or name, or title
          </label>
          <input
            id="asset-search"
            name="q"
            type="search"
            defaultValue={query.q ?? ""}
            placeholder="e.g. Starlight Patrol S01"
            className={`${input} w-full`}
          />
        </div>
        <button
          type="submit"
          className="rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700"
        >
          Apply filters
        </button>
        <Link
          href={assetListHref({ ...query, ...NO_ASSET_FILTER, status: query.status })}
          className="px-2 py-1.5 text-sm text-slate-700 underline"
        >
          Clear filters
        </Link>
      </div>
      <details open={advanced} className="mt-2">
        <summary className="cursor-pointer text-sm text-slate-700">More filters</summary>
        <div className="mt-2 flex flex-wrap gap-6">
          <Choices legend="Provider" name="provider" options={PROVIDERS} chosen={query.provider} />
          <Choices legend="Container" name="container" options={facets.container} chosen={query.container} />
          <Choices legend="Video codec" name="vcodec" options={facets.vcodec} chosen={query.vcodec} />
          <Choices legend="Audio codec" name="acodec" options={facets.acodec} chosen={query.acodec} />
          <fieldset className="space-y-1">
            <legend className="text-xs font-medium text-slate-600">Duration (minutes)</legend>
            <input
              aria-label="Duration from (minutes)"
              name="dur_min"
              inputMode="decimal"
              defaultValue={query.dur_min !== undefined ? query.dur_min / 60 : ""}
              placeholder="from"
              className={`${input} w-20`}
            />
            <input
              aria-label="Duration to (minutes)"
              name="dur_max"
              inputMode="decimal"
              defaultValue={query.dur_max !== undefined ? query.dur_max / 60 : ""}
              placeholder="to"
              className={`${input} ml-1 w-20`}
            />
          </fieldset>
          <fieldset className="space-y-1">
            <legend className="text-xs font-medium text-slate-600">Size (MiB)</legend>
            <input
              aria-label="Size from (MiB)"
              name="size_min"
              inputMode="decimal"
              defaultValue={query.size_min ?? ""}
              placeholder="from"
              className={`${input} w-24`}
            />
            <input
              aria-label="Size to (MiB)"
              name="size_max"
              inputMode="decimal"
              defaultValue={query.size_max ?? ""}
              placeholder="to"
              className={`${input} ml-1 w-24`}
            />
          </fieldset>
          <fieldset className="space-y-1">
            <legend className="text-xs font-medium text-slate-600">Discovered (UTC)</legend>
            <input
              aria-label="Discovered from"
              name="from"
              type="date"
              defaultValue={query.from ?? ""}
              className={input}
            />
            <input
              aria-label="Discovered to"
              name="to"
              type="date"
              defaultValue={query.to ?? ""}
              className={`${input} ml-1`}
            />
          </fieldset>
          <fieldset className="space-y-1 text-sm">
            <legend className="text-xs font-medium text-slate-600">Other</legend>
            <label className="flex items-center gap-2">
              <input type="checkbox" name="unprobed" defaultChecked={Boolean(query.unprobed)} /> Missing probe data
            </label>
            <label className="flex items-center gap-2">
              <input type="checkbox" name="dupes" defaultChecked={Boolean(query.dupes)} /> Has duplicates (same SHA-256)
            </label>
            <label className="flex items-center gap-2">
              <input type="checkbox" name="notes" defaultChecked={Boolean(query.notes)} /> Has notes
            </label>
            <label className="flex items-center gap-2">
              Tags
              <input
                name="tag"
                defaultValue={query.tag?.join(", ") ?? ""}
                placeholder="any of: news, sport"
                aria-label="Tags (any of, comma-separated)"
                className={`${input} w-40`}
              />
            </label>
            <label className="flex items-center gap-2">
              Episode
              <select name="episode" defaultValue={query.episode ?? ""} className={input} aria-label="Episode link">
                <option value="">any</option>
                <option value="linked">linked</option>
                <option value="unlinked">not linked</option>
              </select>
            </label>
            <label className="flex items-center gap-2">
              Issues
              <select name="issue" defaultValue={query.issue ?? ""} className={input} aria-label="Issues">
                <option value="">any</option>
                {ASSET_ISSUES.map((issue) => (
                  <option key={issue} value={issue}>
                    {ASSET_ISSUE_LABELS[issue]}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex items-center gap-2">
              QC
              <select name="qc" defaultValue={query.qc ?? ""} className={input} aria-label="QC verdict">
                <option value="">any</option>
                {QC_FILTERS.map((verdict) => (
                  <option key={verdict} value={verdict}>
                    {QC_FILTER_LABELS[verdict]}
                  </option>
                ))}
              </select>
            </label>
          </fieldset>
          <ProbeFilterFields query={query} />
        </div>
      </details>
    </form>
  );
}
