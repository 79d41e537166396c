"use client";

// A failure to read (a database that dropped the connection, say) is shown as such — never as an
// empty table. The details are in the server log.
export default function DeskError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-lg py-16 text-center">
      <h1 className="text-2xl font-semibold">This page could not be loaded</h1>
      <p className="mt-2 text-slate-600">
        The desk could not read its data just now. Nothing was changed. Try again in a moment; if it keeps failing, tell
        an admin.
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-6 rounded bg-slate-900 px-4 py-2 text-white hover:bg-slate-700"
      >
        Try again
      </button>
    </div>
  );
}
