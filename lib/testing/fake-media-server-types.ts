import type { IncomingHttpHeaders } from "node:http";

// The fake media server's data and wire types, apart from the server so its Plex and Jellyfin halves
// and the server itself all import them one way (no cycle).

/** One file. Plex lists every part; Jellyfin shows a version's first part as its MediaSource. */
export interface FakePart {
  path: string;
  size?: number;
  durationMs?: number;
  /** A local file of real media whose bytes the stream endpoints answer (Range-seekable); without it they answer 404. */
  file?: string;
}

/** One version of an item (Plex Media, Jellyfin MediaSource). Names are sent verbatim: use each server's own. */
export interface FakeVersion {
  parts: FakePart[];
  container?: string;
  videoCodec?: string;
  audioCodec?: string;
  durationMs?: number;
  /** Jellyfin MediaSource Protocol; default "File". */
  protocol?: string;
}

export interface FakeItem {
  /** Plex ratingKey and Jellyfin Id. */
  key: string;
  title: string;
  episode?: { series: string; season: number; episode: number };
  durationMs?: number;
  versions: FakeVersion[];
}

export interface FakeLibrary {
  /** Plex section key and Jellyfin ItemId. */
  key: string;
  name: string;
  type: "movie" | "show" | "music";
  items: FakeItem[];
}

/**
 * A failure for the matching requests. `path` is the request path without query, exact
 * (e.g. "/plex/library/sections"); none matches every request. `times` counts the requests it
 * spoils (default: all, until removed from `state.faults`).
 */
export type FakeFault = { path?: string; times?: number } & (
  | { kind: "status"; status: number; retryAfterSeconds?: number }
  /** Wait, then answer normally: a client with a shorter timeout gives up first. */
  | { kind: "delay"; ms: number }
  | { kind: "malformed-json" }
  | { kind: "html" }
  /** Close the connection without a reply. */
  | { kind: "close" }
);

export interface FakeMediaServerState {
  /** The Plex token and the Jellyfin API key alike. */
  token: string;
  /** Edit freely between reads: the server answers from it on every request. */
  libraries: FakeLibrary[];
  faults: FakeFault[];
}

export interface FakeRequest {
  method: string;
  /** Path with query, as sent, e.g. "/jellyfin/Items?ParentId=2&StartIndex=0…". */
  path: string;
  headers: IncomingHttpHeaders;
}

export interface FakeMediaServer {
  /** Origin, e.g. http://127.0.0.1:40123. */
  url: string;
  /** Base URL to give a Plex client. */
  plexUrl: string;
  /** Base URL to give a Jellyfin client. */
  jellyfinUrl: string;
  state: FakeMediaServerState;
  /** Every request received, faulted ones included. */
  requests: FakeRequest[];
  inject(fault: FakeFault): void;
  close(): Promise<void>;
}

export interface FakeMediaServerOptions {
  token?: string;
  /** Copied, so a fixture shared by tests is never edited through `state`. */
  libraries?: FakeLibrary[];
}

/** What the Plex and Jellyfin halves get and give. */
export interface FakeQuery {
  pathname: string;
  params: URLSearchParams;
  headers: IncomingHttpHeaders;
}
export interface FakeReply {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}
/** A local file's bytes, sent with Range support (200, 206 or 416) as the real servers send media. */
export interface FakeFileReply {
  file: string;
  contentType: string;
}
