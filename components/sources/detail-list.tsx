/** Label and value pairs, the labels in a narrow column beside their values. */
export function DetailList({ rows, className = "" }: { rows: [string, React.ReactNode][]; className?: string }) {
  return (
    <dl className={`grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr] ${className}`}>
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-600">{label}</dt>
          <dd className="break-all">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
