"use client";

import { useEffect, useRef, useState } from "react";

// An asset's poster in a box of fixed size (so nothing moves when it loads), loaded lazily. Where
// there is no picture (not made yet: the request queued it; no video; a file the desk cannot read)
// the box stays a neutral placeholder. A picture being made shows at the next visit: an <img>
// cannot tell "being made" from "never", and retrying every placeholder would flood the server.

export function AssetThumbnail({
  uuid,
  hasVideo = true,
  width,
  height,
  label,
}: {
  uuid: string;
  /** False for an asset without a probed video stream: the placeholder, without asking. */
  hasVideo?: boolean;
  width: number;
  height: number;
  label: string;
}) {
  const image = useRef<HTMLImageElement>(null);
  const [failed, setFailed] = useState(false);

  // An error before hydration fired no React handler: pick it up once mounted.
  useEffect(() => {
    const element = image.current;
    if (element?.complete && element.naturalWidth === 0) setFailed(true);
  }, []);

  const shown = hasVideo && !failed;
  return (
    <span
      className="relative block shrink-0 overflow-hidden rounded bg-slate-200"
      style={{ width, height }}
      data-thumbnail={shown ? "image" : "placeholder"}
    >
      {shown ? (
        // A plain <img>: the picture comes from the API (session cookie, ETag), not next/image's optimiser.
        // eslint-disable-next-line @next/next/no-img-element
        <img
          ref={image}
          src={`/api/v1/assets/${uuid}/poster.jpg`}
          alt={label}
          width={width}
          height={height}
          loading="lazy"
          decoding="async"
          onError={() => setFailed(true)}
          className="h-full w-full object-cover"
        />
      ) : null}
    </span>
  );
}
