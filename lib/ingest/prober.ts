import "server-only";
import { spawn, type ChildProcessByStdio } from "node:child_process";
import os from "node:os";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";

// ffprobe is started by a small long-lived helper process, not by the scanner: Node forks the
// process that spawns, so each spawn from a scanner holding 300 MB blocked its event loop for
// ≈ 26 ms, against ≈ 4 ms from a 50 MB helper (docs/benchmarks.md, "Where the time goes"). The helper runs at
// most `limit` ffprobes at once and answers with what execFile gave; requests beyond wait here.
// Its code is a string for the same reason as the hashing threads' (lib/ingest/file-threads.ts).
const HELPER_SOURCE = `
const { execFile } = require("node:child_process");
const { createInterface } = require("node:readline");
const running = new Map();
const send = (reply) => process.stdout.write(JSON.stringify(reply) + "\\n");
createInterface({ input: process.stdin }).on("line", (line) => {
  const request = JSON.parse(line);
  if (request.cancel !== undefined) return running.get(request.cancel)?.kill("SIGKILL");
  const { id, binary, args, timeoutMs, maxBuffer } = request;
  const settings = { timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer, windowsHide: true };
  const child = execFile(binary, args, settings, (error, stdout, stderr) => {
    running.delete(id);
    const failure = error && { message: error.message, code: error.code, killed: error.killed, syscall: error.syscall };
    send({ id, stdout: String(stdout), stderr: String(stderr), error: failure || null });
  });
  running.set(id, child);
}).on("close", () => process.exit(0));
`;

export interface ProbeRun {
  stdout: string;
  stderr: string;
  /** As execFile reports it: exit code or error code (ERR_CHILD_PROCESS_STDIO_MAXBUFFER), killed on timeout, syscall when it could not start. */
  error: { message: string; code?: number | string; killed?: boolean; syscall?: string } | null;
}

type Helper = ChildProcessByStdio<Writable, Readable, null>;

interface Request {
  binary: string;
  args: string[];
  timeoutMs: number;
  maxBuffer: number;
  signal?: AbortSignal;
}

interface Pending {
  resolve: (run: ProbeRun) => void;
  reject: (error: Error) => void;
}

/** Runs ffprobe-like commands through one helper process, at most `limit` at once. */
export function createProber(limit: number) {
  let helper: Helper | null = null;
  const pending = new Map<number, Pending>();
  const waiting: (() => void)[] = [];
  let running = 0;
  let nextId = 0;

  const idle = () => {
    if (pending.size > 0 || !helper) return;
    // An idle helper must not keep the process alive; it exits when its stdin closes.
    helper.unref();
    (helper.stdout as unknown as { unref?: () => void }).unref?.();
    (helper.stdin as unknown as { unref?: () => void }).unref?.();
  };

  const start = (): Helper => {
    const child = spawn(process.execPath, ["--input-type=commonjs", "-e", HELPER_SOURCE], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    createInterface({ input: child.stdout }).on("line", (line) => {
      const reply = JSON.parse(line) as ProbeRun & { id: number };
      const request = pending.get(reply.id);
      pending.delete(reply.id);
      request?.resolve({ stdout: reply.stdout, stderr: reply.stderr, error: reply.error });
      idle();
    });
    // A helper that dies fails what it was running (those files get a probe error); the next request starts another.
    const lost = (reason: string) => {
      if (helper !== child) return;
      helper = null;
      for (const [id, request] of pending) {
        pending.delete(id);
        request.reject(new Error(`the ffprobe helper stopped (${reason})`));
      }
    };
    child.on("exit", (code, signal) => lost(signal ?? `exit code ${code}`));
    child.on("error", (error) => lost(error.message));
    child.stdin.on("error", () => undefined);
    return child;
  };

  const send = (message: object) => {
    helper ??= start();
    helper.ref();
    (helper.stdout as unknown as { ref?: () => void }).ref?.();
    (helper.stdin as unknown as { ref?: () => void }).ref?.();
    helper.stdin.write(JSON.stringify(message) + "\n");
  };

  const slot = async (): Promise<void> => {
    if (running < limit) {
      running += 1;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };

  return {
    async run({ signal, ...request }: Request): Promise<ProbeRun> {
      await slot();
      try {
        signal?.throwIfAborted();
        const id = nextId++;
        return await new Promise<ProbeRun>((resolve, reject) => {
          const onAbort = () => {
            pending.delete(id);
            helper?.stdin.write(JSON.stringify({ cancel: id }) + "\n");
            idle();
            reject(signal!.reason);
          };
          signal?.addEventListener("abort", onAbort, { once: true });
          const done = () => signal?.removeEventListener("abort", onAbort);
          pending.set(id, {
            resolve: (run) => (done(), resolve(run)),
            reject: (error) => (done(), reject(error)),
          });
          send({ id, ...request });
        });
      } finally {
        release();
      }
    },
  };
}

/** The process's prober: as many ffprobes at once as cores (ffprobe is CPU-bound on start-up and parsing). */
export const prober = createProber(os.availableParallelism());
