import type { AssetDetail } from "@/lib/assets/queries";
import { formatDateTime } from "@/lib/format";

export function AssetHistory({ events }: { events: AssetDetail["history"] }) {
  if (events.length === 0) return <p className="text-sm text-slate-600">No changes recorded since discovery.</p>;
  return (
    <ol className="space-y-2 text-sm">
      {events.map((event) => (
        <li key={event.uuid} className="flex flex-wrap gap-x-3">
          <time className="whitespace-nowrap text-slate-500" dateTime={event.at.toISOString()}>
            {formatDateTime(event.at)}
          </time>
          <span className="font-medium">{event.action}</span>
          <span className="text-slate-600">{event.actorEmail ?? "system"}</span>
          {event.batchUuid ? <span className="text-xs text-slate-500">bulk</span> : null}
        </li>
      ))}
    </ol>
  );
}
