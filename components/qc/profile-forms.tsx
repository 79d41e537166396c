"use client";

import { useActionState } from "react";
import {
  createQcProfileAction,
  deleteQcProfileAction,
  setDefaultQcProfileAction,
  updateQcProfileAction,
} from "@/app/(desk)/qc-profiles/actions";
import { FieldError, FormStatus } from "@/components/ui/form-status";
import type { QcProfileView } from "@/lib/qc/profiles";

const input = "w-24 rounded border border-slate-300 px-2 py-1 text-sm";
const button = "rounded bg-slate-900 px-3 py-1 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60";
const quiet = "rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50 disabled:opacity-60";

const FIELDS = [
  ["targetLufs", "Target loudness (LUFS)"],
  ["toleranceLu", "Tolerance (± LU)"],
  ["maxTruePeakDbtp", "Max true peak (dBTP)"],
  ["blackMinS", "Black longer than (s)"],
  ["silenceMinS", "Silence longer than (s)"],
  ["edgeS", "Ignoring first and last (s)"],
  ["freezeMinS", "Still picture longer than (s)"],
] as const;

/** Creates a profile, or edits `profile`. */
export function ProfileForm({ profile }: { profile?: QcProfileView }) {
  const [state, action, pending] = useActionState(profile ? updateQcProfileAction : createQcProfileAction, null);
  const id = (name: string) => `${profile?.uuid ?? "new"}-${name}`;
  return (
    <form action={action} className="flex flex-wrap items-start gap-3" key={!profile && state?.ok ? "done" : "form"}>
      {profile ? <input type="hidden" name="profileUuid" value={profile.uuid} /> : null}
      <div>
        <label htmlFor={id("name")} className="block text-xs font-medium">
          Name
        </label>
        <input id={id("name")} name="name" required defaultValue={profile?.name} className={`${input} w-40`} />
        <FieldError state={state} name="name" />
      </div>
      {FIELDS.map(([name, label]) => (
        <div key={name}>
          <label htmlFor={id(name)} className="block text-xs font-medium">
            {label}
          </label>
          <input
            id={id(name)}
            name={name}
            type="number"
            step="0.1"
            required
            defaultValue={profile?.[name]}
            className={input}
          />
          <FieldError state={state} name={name} />
        </div>
      ))}
      <div className="self-end">
        <button type="submit" disabled={pending} className={button}>
          {profile ? "Save" : "Create profile"}
        </button>
      </div>
      <div className="w-full">
        <FormStatus state={state} success={profile ? "Saved." : "Profile created."} />
      </div>
    </form>
  );
}

/** Set as default; delete (refused for the default or a profile in use, with the reason). */
export function ProfileRowActions({ profile }: { profile: QcProfileView }) {
  const [defaultState, makeDefault, settingDefault] = useActionState(setDefaultQcProfileAction, null);
  const [deleteState, remove, deleting] = useActionState(deleteQcProfileAction, null);
  return (
    <div className="ml-auto flex items-center gap-2">
      {profile.isDefault ? null : (
        <form action={makeDefault}>
          <input type="hidden" name="profileUuid" value={profile.uuid} />
          <button type="submit" disabled={settingDefault} className={quiet}>
            Make default
          </button>
        </form>
      )}
      <form action={remove}>
        <input type="hidden" name="profileUuid" value={profile.uuid} />
        <button type="submit" disabled={deleting} className={quiet} aria-label={`Delete ${profile.name}`}>
          Delete
        </button>
      </form>
      <FormStatus state={defaultState} />
      <FormStatus state={deleteState} />
    </div>
  );
}
