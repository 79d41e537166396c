import {
  CHANNEL_CLASSES,
  CHANNEL_LABELS,
  RESOLUTIONS,
  RESOLUTION_LABELS,
  type ProbeFilter,
} from "@/lib/assets/probe-filter-params";

// The full-probe filters in the filter bar (docs/media-probing.md): resolution class, scan, HDR,
// audio channels and language, subtitles. Assets not fully probed yet match none of them.

const input = "rounded border border-slate-300 px-2 py-1 text-sm";

export const hasProbeFilter = (query: ProbeFilter) => Object.values(query).some((value) => value !== undefined);

const yesNo = (form: FormData, name: string) => {
  const value = form.get(name);
  return value === "yes" || value === "no" ? value : undefined;
};

const checked = <T extends string>(form: FormData, name: string, options: readonly T[]) => {
  const values = form.getAll(name).filter((value): value is T => options.includes(value as T));
  return values.length ? values : undefined;
};

/** The bar's probe fields as filter values (the URL parser checks them again). */
export function readProbeFilter(form: FormData): ProbeFilter {
  const languages = String(form.get("alang") ?? "")
    .split(",")
    .map((code) => code.trim().toLowerCase())
    .filter(Boolean);
  return {
    res: checked(form, "res", RESOLUTIONS),
    interlaced: yesNo(form, "interlaced"),
    hdr: yesNo(form, "hdr"),
    channels: checked(form, "channels", CHANNEL_CLASSES),
    alang: languages.length ? languages : undefined,
    subs: yesNo(form, "subs"),
  };
}

function YesNo({ name, label, value }: { name: string; label: string; value: "yes" | "no" | undefined }) {
  return (
    <label className="flex items-center gap-2">
      {label}
      <select name={name} defaultValue={value ?? ""} className={input} aria-label={label}>
        <option value="">any</option>
        <option value="yes">yes</option>
        <option value="no">no</option>
      </select>
    </label>
  );
}

export function ProbeFilterFields({ query }: { query: ProbeFilter }) {
  return (
    <>
      <fieldset className="min-w-28">
        <legend className="text-xs font-medium text-slate-600">Resolution</legend>
        {RESOLUTIONS.map((res) => (
          <label key={res} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="res" value={res} defaultChecked={query.res?.includes(res)} />
            {RESOLUTION_LABELS[res]}
          </label>
        ))}
      </fieldset>
      <fieldset className="min-w-28">
        <legend className="text-xs font-medium text-slate-600">Audio channels</legend>
        {CHANNEL_CLASSES.map((channels) => (
          <label key={channels} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="channels"
              value={channels}
              defaultChecked={query.channels?.includes(channels)}
            />
            {CHANNEL_LABELS[channels]}
          </label>
        ))}
      </fieldset>
      <fieldset className="space-y-1 text-sm">
        <legend className="text-xs font-medium text-slate-600">Streams</legend>
        <YesNo name="interlaced" label="Interlaced" value={query.interlaced} />
        <YesNo name="hdr" label="HDR" value={query.hdr} />
        <YesNo name="subs" label="Has subtitles" value={query.subs} />
        <label className="flex items-center gap-2">
          Audio language
          <input
            name="alang"
            defaultValue={query.alang?.join(",") ?? ""}
            placeholder="eng,fra"
            aria-label="Audio language"
            className={`${input} w-24`}
          />
        </label>
      </fieldset>
    </>
  );
}
