"use client";

import Link from "next/link";
import { useActionState } from "react";
import { resolveMoveAction } from "@/app/(desk)/sources/runs/actions";
import { FormStatus } from "@/components/ui/form-status";
import type { ActionResult } from "@/lib/action-result";
import type { PossibleMove } from "@/lib/ingest/run-report";

function ResolveButton({ assetUuid, candidate }: { assetUuid: string; candidate: { uuid: string; uri: string } }) {
  const [state, action, pending] = useActionState(
    (previous: ActionResult | null, formData: FormData) => resolveMoveAction(previous, formData),
    null,
  );
  return (
    <form action={action} className="inline">
      <input type="hidden" name="assetUuid" value={assetUuid} />
      <input type="hidden" name="intoUuid" value={candidate.uuid} />
      <button
        type="submit"
        disabled={pending || state?.ok}
        aria-label={`It is ${candidate.uri}`}
        className="ml-2 rounded border border-slate-300 bg-white px-2 py-0.5 text-xs hover:bg-slate-50 disabled:opacity-60"
      >
        It is this one
      </button>
      <FormStatus state={state} success="Resolved: the missing asset took the new file's path." />
    </form>
  );
}

/**
 * New files with the bytes of several missing assets: the scan guessed nothing. Each lists the
 * assets it may be; an editor says which (the new file's own asset is then removed).
 */
export function PossibleMoves({ moves, canResolve }: { moves: PossibleMove[]; canResolve: boolean }) {
  return (
    <section aria-labelledby="possible-moves" className="rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h2 id="possible-moves" className="mb-1 text-base font-semibold">
        Possible moves ({moves.length.toLocaleString("en")})
      </h2>
      <p className="mb-2 text-sm text-slate-700">
        These new files have the same bytes as more than one missing asset (or share them with another new file), so
        nothing was guessed: each was added as a new asset.
        {canResolve
          ? " Say which missing asset a file is: it takes the file's path and keeps its approval, episodes and catalog entry."
          : ""}
      </p>
      <ul className="space-y-3 text-sm">
        {moves.map((move) => (
          <li key={move.path} className="break-all">
            {move.assetUuid && !move.resolvedInto ? (
              <Link href={`/assets/${move.assetUuid}`} className="font-mono text-xs text-sky-800 hover:underline">
                {move.path}
              </Link>
            ) : (
              <span className="font-mono text-xs">{move.path}</span>
            )}
            {move.resolvedInto ? (
              <span className="ml-2 rounded bg-emerald-100 px-1.5 py-0.5 text-xs text-emerald-900">
                resolved: <Link href={`/assets/${move.resolvedInto}`}>now this file&apos;s asset</Link>
              </span>
            ) : (
              <ul aria-label={`Missing assets ${move.path} may be`} className="mt-1 space-y-1 pl-4">
                {move.candidates.map((candidate) => (
                  <li key={candidate.uuid}>
                    <Link href={`/assets/${candidate.uuid}`} className="font-mono text-xs text-sky-800 hover:underline">
                      {candidate.uri}
                    </Link>
                    {canResolve && move.assetUuid ? (
                      <ResolveButton assetUuid={move.assetUuid} candidate={candidate} />
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
