import { REASONS, type Reason } from "@/lib/assets/transitions";

/** "N skipped: why", one line per reason a transition refused some assets. */
export function SkippedReasons({ skipped }: { skipped: Partial<Record<Reason, number>> }) {
  const entries = Object.entries(skipped) as Array<[Reason, number]>;
  if (entries.length === 0) return null;
  return (
    <ul className="mt-1 list-disc pl-5">
      {entries.map(([reason, count]) => (
        <li key={reason}>
          {count.toLocaleString("en")} skipped: {REASONS[reason]}
        </li>
      ))}
    </ul>
  );
}
