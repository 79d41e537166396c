"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { endMySessionsAction } from "@/app/(desk)/users/actions";

const button = "rounded border border-slate-300 px-2 py-1 text-slate-700 hover:bg-slate-100 disabled:opacity-60";

export function SignOutButton() {
  return (
    <button type="button" onClick={() => signOut({ callbackUrl: "/login" })} className={button}>
      Sign out
    </button>
  );
}

/** Ends every session of the signed-in user (other browsers, a lost laptop), then this one. */
export function SignOutEverywhereButton() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onClick() {
    setPending(true);
    setError(null);
    const result = await endMySessionsAction();
    if (result.ok) return signOut({ callbackUrl: "/login" });
    setError(result.message);
    setPending(false);
  }

  return (
    <>
      <button type="button" onClick={onClick} disabled={pending} className={button}>
        Sign out everywhere
      </button>
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </>
  );
}
