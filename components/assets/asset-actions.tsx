"use client";

import { useActionState } from "react";
import {
  editAssetAction,
  linkEpisodeAction,
  transitionAssetAction,
  unlinkEpisodeAction,
} from "@/app/(desk)/assets/actions";
import { QcOverrideField } from "@/components/qc/qc-approval";
import { FieldError, FormStatus } from "@/components/ui/form-status";
import type { EditResult } from "@/lib/assets/edit";
import type { Transition } from "@/lib/assets/transitions";
import type { AssetStatus } from "@/lib/assets/status";

const button = "rounded bg-slate-900 px-3 py-1 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60";
const secondary = "rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 disabled:opacity-60";
const input = "w-full rounded border border-slate-300 px-2 py-1 text-sm";

function TransitionForm({
  uuid,
  transition,
  label,
  primary,
  children,
}: {
  uuid: string;
  transition: Transition;
  label: string;
  primary?: boolean;
  children?: React.ReactNode;
}) {
  const [state, action, pending] = useActionState(transitionAssetAction, null);
  return (
    <form action={action} className="space-y-1">
      <input type="hidden" name="uuid" value={uuid} />
      <input type="hidden" name="transition" value={transition} />
      {children}
      <button type="submit" disabled={pending} className={primary ? button : secondary}>
        {label}
      </button>
      <FormStatus state={state} success={state?.ok && !state.changed ? "Nothing to change." : "Done."} />
    </form>
  );
}

/** The workflow buttons this role may use on this asset in its current state. */
export function AssetWorkflow({
  uuid,
  status,
  can,
  qcFailed,
}: {
  uuid: string;
  status: AssetStatus;
  can: { approve: boolean; delete: boolean; restore: boolean };
  /** The current file failed QC: approving it takes an override's reason. */
  qcFailed?: boolean;
}) {
  const forms: React.ReactNode[] = [];
  if (can.approve && status === "pending")
    forms.push(
      <TransitionForm key="approve" uuid={uuid} transition="approve" label="Approve" primary>
        {qcFailed ? <QcOverrideField name="qcOverride" /> : null}
      </TransitionForm>,
    );
  if (can.approve && status === "approved") {
    forms.push(
      <TransitionForm key="promote" uuid={uuid} transition="promote" label="Promote to catalog" primary>
        <label className="block text-xs">
          Catalog tags (comma-separated)
          <input name="tags" className={input} placeholder="e.g. evening, drama" />
        </label>
      </TransitionForm>,
      <TransitionForm key="revoke" uuid={uuid} transition="revoke" label="Revoke approval" />,
    );
  }
  if (can.approve && status === "promoted")
    forms.push(<TransitionForm key="withdraw" uuid={uuid} transition="withdraw" label="Withdraw from catalog" />);
  if (can.delete && (status === "pending" || status === "approved")) {
    forms.push(
      <TransitionForm key="delete" uuid={uuid} transition="delete" label="Delete">
        {/* Below trash.manage a deleted asset is not found: its page is left for the list. */}
        <input type="hidden" name="leave" value="1" />
        <label className="block text-xs">
          Reason (optional)
          <input name="reason" maxLength={500} className={input} />
        </label>
      </TransitionForm>,
    );
  }
  if (can.restore && status === "deleted")
    forms.push(<TransitionForm key="restore" uuid={uuid} transition="restore" label="Restore" primary />);
  if (forms.length === 0)
    return <p className="text-sm text-slate-600">Nothing your role can change here in this state.</p>;
  return <div className="space-y-4">{forms}</div>;
}

export interface EditableFields {
  uri: string;
  durationMs: number | null;
  videoCodec: string | null;
  audioCodec: string | null;
  container: string | null;
  version: number;
}

/** Metadata and file path, saved only if nobody changed the asset since this form was loaded. */
function editSummary({ changed, reread }: EditResult): string {
  const saved = changed.length ? `Saved: ${changed.join(", ")}.` : "Nothing changed.";
  if (!reread) return saved;
  return reread.probeError
    ? `${saved} The new file was hashed, but ffprobe could not read it (${reread.probeError}); it cannot be approved.`
    : `${saved} The new file was hashed and probed: its duration, container and codecs come from the file.`;
}

export function AssetEditForm({ uuid, fields }: { uuid: string; fields: EditableFields }) {
  const [state, action, pending] = useActionState(editAssetAction, null);
  const version = state?.ok ? state.version : fields.version;
  // Keyed by the saved version, so the inputs show what was stored (a new file's probed figures) once the page refreshes.
  return (
    <form action={action} className="grid gap-2 sm:grid-cols-2" aria-label="Edit asset">
      <input type="hidden" name="uuid" value={uuid} />
      <input type="hidden" name="version" value={version} />
      <label className="text-xs sm:col-span-2">
        File path
        <input key={fields.version} name="uri" defaultValue={fields.uri} required className={`${input} font-mono`} />
        <FieldError state={state} name="uri" />
      </label>
      <label className="text-xs">
        Duration (ms)
        <input
          key={fields.version}
          name="durationMs"
          inputMode="numeric"
          defaultValue={fields.durationMs ?? ""}
          className={input}
        />
        <FieldError state={state} name="durationMs" />
      </label>
      <label className="text-xs">
        Container
        <input key={fields.version} name="container" defaultValue={fields.container ?? ""} className={input} />
        <FieldError state={state} name="container" />
      </label>
      <label className="text-xs">
        Video codec
        <input key={fields.version} name="videoCodec" defaultValue={fields.videoCodec ?? ""} className={input} />
        <FieldError state={state} name="videoCodec" />
      </label>
      <label className="text-xs">
        Audio codec
        <input key={fields.version} name="audioCodec" defaultValue={fields.audioCodec ?? ""} className={input} />
        <FieldError state={state} name="audioCodec" />
      </label>
      <div className="flex items-center gap-3 sm:col-span-2">
        <button type="submit" disabled={pending} className={button}>
          Save changes
        </button>
        <FormStatus state={state} success={state?.ok ? editSummary(state) : undefined} />
      </div>
    </form>
  );
}

export function EpisodeLinkForm({ uuid }: { uuid: string }) {
  const [state, action, pending] = useActionState(linkEpisodeAction, null);
  return (
    <form action={action} className="grid grid-cols-2 gap-2 text-xs" aria-label="Link to an episode">
      <input type="hidden" name="uuid" value={uuid} />
      <label className="col-span-2">
        Series
        <input name="seriesTitle" required className={input} />
        <FieldError state={state} name="seriesTitle" />
      </label>
      <label>
        Season
        <input name="seasonNumber" inputMode="numeric" required className={input} />
        <FieldError state={state} name="seasonNumber" />
      </label>
      <label>
        Episode
        <input name="episodeNumber" inputMode="numeric" required className={input} />
        <FieldError state={state} name="episodeNumber" />
      </label>
      <label className="col-span-2">
        Episode title
        <input name="title" required className={input} />
        <FieldError state={state} name="title" />
      </label>
      <div className="col-span-2 flex items-center gap-2">
        <button type="submit" disabled={pending} className={secondary}>
          Link episode
        </button>
        <FormStatus state={state} success="Linked." />
      </div>
    </form>
  );
}

export function UnlinkEpisodeButton({
  uuid,
  episodeUuid,
  label,
}: {
  uuid: string;
  episodeUuid: string;
  label: string;
}) {
  const [state, action, pending] = useActionState(unlinkEpisodeAction, null);
  return (
    <form action={action} className="inline">
      <input type="hidden" name="uuid" value={uuid} />
      <input type="hidden" name="episodeUuid" value={episodeUuid} />
      <button
        type="submit"
        disabled={pending}
        aria-label={`Unlink ${label}`}
        className="ml-2 text-xs text-slate-500 hover:text-red-700"
      >
        Unlink
      </button>
      <FormStatus state={state} />
    </form>
  );
}
