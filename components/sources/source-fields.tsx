"use client";

import { useId, useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { formatDateTime } from "@/lib/format";
import type { SourceKind } from "@/lib/generated/prisma/client";
import type { SourceView } from "@/lib/ingest/queries";

const control = "w-full rounded border border-slate-300 px-2 py-1 text-sm";

function errorsFor(state: ActionResult | null, name: string): string[] {
  if (!state || state.ok || !state.fieldErrors) return [];
  return [...new Set(state.fieldErrors[name] ?? [])];
}

interface ControlProps {
  id: string;
  name: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
}

/** A labelled control with its hint and errors, both tied to it for screen readers. */
function Field({
  label,
  name,
  hint,
  state,
  wide,
  children,
}: {
  label: string;
  name: string;
  hint?: string;
  state: ActionResult | null;
  wide?: boolean;
  children: (props: ControlProps) => React.ReactNode;
}) {
  const id = useId();
  const errors = errorsFor(state, name);
  const describedBy = [hint ? `${id}-hint` : "", errors.length > 0 ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div className={wide ? "sm:col-span-2" : undefined}>
      <label htmlFor={id} className="block text-xs font-medium">
        {label}
      </label>
      {children({
        id,
        name,
        "aria-describedby": describedBy || undefined,
        "aria-invalid": errors.length > 0 ? true : undefined,
      })}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {errors.length > 0 ? (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/** The fields a source of this kind needs, filled with its current values when editing. */
export function SourceFields({
  kind,
  source,
  state,
}: {
  kind: SourceKind;
  source?: SourceView;
  state: ActionResult | null;
}) {
  const lines = (values: string[] | undefined) => values?.join("\n") ?? "";
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <Field label="Name" name="name" state={state} hint="Shown in the desk, e.g. Promos NAS.">
        {(props) => <input {...props} defaultValue={source?.name} required maxLength={100} className={control} />}
      </Field>
      {kind === "filesystem" ? (
        <Field
          label="Folders"
          name="roots"
          state={state}
          wide
          hint="One absolute folder per line, as the server sees it, e.g. /mnt/media/promos."
        >
          {(props) => (
            <textarea {...props} defaultValue={lines(source?.roots)} rows={3} className={`${control} font-mono`} />
          )}
        </Field>
      ) : (
        <>
          <Field
            label="Server URL"
            name="url"
            state={state}
            hint={kind === "plex" ? "e.g. http://plex.local:32400" : "e.g. http://jellyfin.local:8096"}
          >
            {(props) => (
              <input
                {...props}
                type="text"
                inputMode="url"
                defaultValue={source?.url ?? ""}
                className={`${control} font-mono`}
              />
            )}
          </Field>
          <Field
            label={kind === "plex" ? "Token" : "API key"}
            name="secret"
            state={state}
            hint="Stored for scans and never shown again."
          >
            {(props) => (
              <input
                {...props}
                type="password"
                autoComplete="off"
                placeholder={source?.secretHint ? `leave empty to keep ${source.secretHint}` : undefined}
                className={control}
              />
            )}
          </Field>
          <Field
            label="Libraries"
            name="libraries"
            state={state}
            hint="One library name per line; leave empty to import all of them."
          >
            {(props) => <textarea {...props} defaultValue={lines(source?.libraries)} rows={3} className={control} />}
          </Field>
          <Field
            label="Path maps"
            name="pathMaps"
            state={state}
            hint="One FROM=TO per line: the server's path prefix, then where the same files are on this machine."
          >
            {(props) => (
              <textarea
                {...props}
                defaultValue={source?.pathMaps.map(({ from, to }) => `${from}=${to}`).join("\n")}
                rows={3}
                placeholder="/data/movies=/mnt/nas/movies"
                className={`${control} font-mono`}
              />
            )}
          </Field>
        </>
      )}
      <Field
        label="QC after scan"
        name="qcAfterScan"
        state={state}
        hint="Check the files each scan reads (docs/qc.md)."
      >
        {(props) => (
          <select {...props} defaultValue={source?.qcAfterScan ? "on" : "off"} className={control}>
            <option value="off">no</option>
            <option value="on">yes: queue QC for new and changed files</option>
          </select>
        )}
      </Field>
      <ScheduleFields source={source} state={state} />
    </div>
  );
}

/** When the source scans by itself: off, every N hours, or a cron expression in UTC. */
function ScheduleFields({ source, state }: { source?: SourceView; state: ActionResult | null }) {
  const [kind, setKind] = useState(source?.schedule.kind ?? "off");
  return (
    <>
      <Field
        label="Scheduled scans"
        name="scanSchedule"
        state={state}
        hint={source?.nextScanAt ? `Next scan: ${formatDateTime(source.nextScanAt)}` : undefined}
      >
        {(props) => (
          <select
            {...props}
            value={kind}
            onChange={(event) => setKind(event.target.value as typeof kind)}
            className={control}
          >
            <option value="off">Off (scan by hand)</option>
            <option value="every">Every N hours</option>
            <option value="cron">Cron expression (UTC)</option>
          </select>
        )}
      </Field>
      {kind === "every" ? (
        <Field label="Hours between scans" name="scanEveryHours" state={state} hint="From 1 to 720.">
          {(props) => (
            <input
              {...props}
              type="number"
              min={1}
              max={720}
              step={1}
              required
              defaultValue={source?.schedule.kind === "every" ? source.schedule.hours : 24}
              className={control}
            />
          )}
        </Field>
      ) : null}
      {kind === "cron" ? (
        <Field
          label="Cron expression"
          name="scanCron"
          state={state}
          hint="Minute hour day month weekday, in UTC: 0 3 * * * scans at 03:00 every day."
        >
          {(props) => (
            <input
              {...props}
              type="text"
              required
              defaultValue={source?.schedule.kind === "cron" ? source.schedule.expression : "0 3 * * *"}
              className={`${control} font-mono`}
            />
          )}
        </Field>
      ) : null}
    </>
  );
}
