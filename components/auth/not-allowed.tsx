export function NotAllowed({ what }: { what: string }) {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <h1 className="text-2xl font-semibold">Not allowed</h1>
      <p className="mt-2 text-slate-600">Your role cannot {what}. Ask an admin if you need it.</p>
    </div>
  );
}
