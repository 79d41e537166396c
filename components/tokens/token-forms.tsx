"use client";

import { useActionState, useState, useSyncExternalStore } from "react";
import { createTokenAction, revokeTokenAction } from "@/app/(desk)/tokens/actions";
import { CopyButton } from "@/components/ui/copy-button";
import { FieldError, FormStatus } from "@/components/ui/form-status";

const input = "rounded border border-slate-300 px-2 py-1 text-sm";
const button = "rounded bg-slate-900 px-3 py-1 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60";

export function CreateTokenForm({ owners }: { owners: Array<{ email: string; role: string }> }) {
  const [state, action, pending] = useActionState(createTokenAction, null);
  return (
    <>
      <form
        action={action}
        aria-label="New API token"
        className="flex flex-wrap items-start gap-3"
        key={state?.ok ? state.uuid : "new"}
      >
        <div>
          <label htmlFor="token-owner" className="block text-xs font-medium">
            Owner
          </label>
          <select id="token-owner" name="ownerEmail" required defaultValue="" className={input}>
            <option value="" disabled>
              Choose a user…
            </option>
            {owners.map((owner) => (
              <option key={owner.email} value={owner.email}>
                {owner.email} ({owner.role})
              </option>
            ))}
          </select>
          <FieldError state={state} name="ownerEmail" />
        </div>
        <div>
          <label htmlFor="token-name" className="block text-xs font-medium">
            Name
          </label>
          <input
            id="token-name"
            name="name"
            required
            maxLength={100}
            placeholder="e.g. Nightly report"
            className={input}
          />
          <FieldError state={state} name="name" />
        </div>
        <div className="self-end">
          <button type="submit" disabled={pending} className={button}>
            Create token
          </button>
        </div>
        <div className="w-full">
          <FormStatus state={state} />
        </div>
      </form>
      {state?.ok ? <NewSecret secret={state.secret} /> : null}
    </>
  );
}

const subscribeNever = () => () => undefined;

/** The secret, once: it lives only in this component's state, so a reload forgets it. */
function NewSecret({ secret }: { secret: string }) {
  // The desk's own address for the example; the server does not know the one the browser used.
  const origin = useSyncExternalStore(
    subscribeNever,
    () => window.location.origin,
    () => "http://host",
  );
  const curl = `curl -H "Authorization: Bearer ${secret}" ${origin}/api/v1/assets`;
  return (
    <section aria-labelledby="new-secret" className="mt-4 space-y-2 rounded border border-amber-300 bg-amber-50 p-3">
      <h3 id="new-secret" className="text-sm font-semibold">
        Token created
      </h3>
      <p role="status" className="text-sm">
        Store it now: it will not be shown again.
      </p>
      <div className="flex items-center gap-2">
        <input
          readOnly
          value={secret}
          aria-label="New token secret"
          onFocus={(event) => event.currentTarget.select()}
          className={`${input} w-[36rem] max-w-full font-mono`}
        />
        <CopyButton value={secret} label="Copy token secret" />
      </div>
      <div className="flex items-start gap-2">
        <code aria-label="Example request" className="block break-all rounded bg-white px-2 py-1 text-xs">
          {curl}
        </code>
        <CopyButton value={curl} label="Copy example request" />
      </div>
    </section>
  );
}

/** Revoke, then confirm: integrations using the token fail at their next request. */
export function RevokeTokenForm({ tokenUuid, name }: { tokenUuid: string; name: string }) {
  const [confirming, setConfirming] = useState(false);
  const [state, action, pending] = useActionState(revokeTokenAction, null);
  if (!confirming) {
    return (
      <button
        type="button"
        onClick={() => setConfirming(true)}
        aria-label={`Revoke ${name}`}
        className="rounded border border-red-300 px-2 py-1 text-xs text-red-800 hover:bg-red-50"
      >
        Revoke…
      </button>
    );
  }
  return (
    <form action={action} aria-label={`Confirm revoking ${name}`} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="tokenUuid" value={tokenUuid} />
      <span className="text-xs">Requests with it will be refused.</span>
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-red-700 px-2 py-1 text-xs font-medium text-white hover:bg-red-600 disabled:opacity-60"
      >
        Confirm revoke
      </button>
      <button
        type="button"
        onClick={() => setConfirming(false)}
        className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100"
      >
        Cancel
      </button>
      <FormStatus state={state} />
    </form>
  );
}
