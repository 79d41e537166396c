/** A bar chart of assets discovered per day, as plain SVG (no chart library, no client script). */
export function DiscoveryChart({ days }: { days: Array<{ day: string; count: number }> }) {
  const max = Math.max(1, ...days.map((day) => day.count));
  const width = 720;
  const height = 160;
  const bar = width / Math.max(days.length, 1);
  const total = days.reduce((sum, day) => sum + day.count, 0);
  return (
    <figure>
      <svg
        viewBox={`0 0 ${width} ${height + 20}`}
        role="img"
        aria-label={`Assets discovered per day over the last ${days.length} days: ${total.toLocaleString("en")} in all`}
        className="w-full"
      >
        {days.map((day, index) => {
          const barHeight = (day.count / max) * height;
          return (
            <g key={day.day}>
              <rect
                x={index * bar + 1}
                y={height - barHeight}
                width={bar - 2}
                height={barHeight}
                className="fill-sky-600"
              >
                <title>{`${day.day}: ${day.count.toLocaleString("en")}`}</title>
              </rect>
              {index % 7 === 0 ? (
                <text
                  x={index * bar + bar / 2}
                  y={height + 14}
                  textAnchor="middle"
                  className="fill-slate-500 text-[10px]"
                >
                  {day.day.slice(5)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="text-xs text-slate-500">Peak {max.toLocaleString("en")} per day (UTC days).</figcaption>
    </figure>
  );
}
