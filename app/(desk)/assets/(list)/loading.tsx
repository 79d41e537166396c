export default function Loading() {
  return (
    <div role="status" aria-label="Loading assets" className="animate-pulse space-y-3">
      <div className="h-8 w-48 rounded bg-slate-200" />
      <div className="h-10 rounded bg-slate-200" />
      {Array.from({ length: 8 }, (_, index) => (
        <div key={index} className="h-9 rounded bg-slate-100" />
      ))}
    </div>
  );
}
