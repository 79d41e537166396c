import type { FullProbe } from "@/lib/ingest/full-probe";
import { channelsLabel } from "@/lib/assets/probe-summary";

// The detail page's "Streams" section: every video, audio and subtitle track of the full probe.

const FIELD_ORDER = {
  progressive: "progressive",
  tff: "interlaced, top field first",
  bff: "interlaced, bottom field first",
};
const HDR = { hdr10: "HDR10 (PQ)", hlg: "HLG" };

const dash = (value: string | number | null | undefined) => (value === null || value === undefined ? "—" : value);
const bitRate = (bps: number | null) =>
  bps === null ? null : bps >= 1e6 ? `${(bps / 1e6).toFixed(2)} Mb/s` : `${Math.round(bps / 1000)} kb/s`;

function Track({ title, rows }: { title: string; rows: [string, string | number | null][] }) {
  return (
    <div className="rounded border border-slate-200 p-2" role="group" aria-label={title}>
      <h3 className="mb-1 text-sm font-medium">{title}</h3>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-600">{label}</dt>
            <dd>{dash(value)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

export function AssetStreams({ probe }: { probe: FullProbe | null }) {
  if (!probe)
    return (
      <p className="text-sm text-slate-600">
        Not fully probed yet: the backfill or “Probe again” reads the file&apos;s streams.
      </p>
    );
  const tracks = [
    ...probe.video.map((v, i) => (
      <Track
        key={`v${v.index}`}
        title={`Video ${i + 1}`}
        rows={[
          ["Codec", v.codec],
          ["Resolution", v.width && v.height ? `${v.width}×${v.height}` : null],
          ["Display aspect", v.displayAspect],
          ["Frame rate", v.frameRate === null ? null : `${v.frameRate} fps`],
          ["Scan", v.fieldOrder ? FIELD_ORDER[v.fieldOrder] : null],
          ["Pixel format", v.pixelFormat],
          ["Bit depth", v.bitDepth === null ? null : `${v.bitDepth}-bit`],
          ["Transfer", v.hdr ? `${HDR[v.hdr]} (${v.transfer})` : (v.transfer ?? "SDR (not tagged)")],
          ["Bit rate", bitRate(v.bitRate)],
        ]}
      />
    )),
    ...probe.audio.map((a, i) => (
      <Track
        key={`a${a.index}`}
        title={`Audio ${i + 1}`}
        rows={[
          ["Codec", a.codec],
          ["Channels", a.channels === null ? null : `${a.channels} (${a.channelLayout ?? channelsLabel(a.channels)})`],
          ["Sample rate", a.sampleRate === null ? null : `${a.sampleRate} Hz`],
          ["Language", a.language],
          ["Bit rate", bitRate(a.bitRate)],
        ]}
      />
    )),
    ...probe.subtitles.map((s, i) => (
      <Track
        key={`s${s.index}`}
        title={`Subtitle ${i + 1}`}
        rows={[
          ["Codec", s.codec],
          ["Language", s.language],
        ]}
      />
    )),
  ];
  return tracks.length ? (
    <div className="grid gap-2 sm:grid-cols-2">{tracks}</div>
  ) : (
    <p className="text-sm">No streams.</p>
  );
}
