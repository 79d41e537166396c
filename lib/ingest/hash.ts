import "server-only";
import os from "node:os";
import { Worker } from "node:worker_threads";

// sha256 of files off the main thread: a pool of worker threads (one per core), each reading its
// file in 1 MiB chunks into one reused buffer (large reads hash about twice as fast as 64 KiB ones,
// and a fresh Buffer per chunk cost more CPU than the digest itself: docs/benchmarks.md, "Where the
// time goes"). The main thread only sends a path and gets the digest back.
//
// The worker's code is a string evaluated as CommonJS, not a file: the same pool then runs under
// the CLI (tsx), Vitest and the Next server's bundle, none of which would resolve a worker file alike.
const WORKER_SOURCE = `
const { createHash } = require("node:crypto");
const { closeSync, openSync, readSync } = require("node:fs");
const { parentPort } = require("node:worker_threads");
const CHUNK = 1024 * 1024;
const buffer = Buffer.allocUnsafe(CHUNK);
parentPort.on("message", ({ id, file }) => {
  try {
    const hash = createHash("sha256");
    const fd = openSync(file, "r");
    try {
      for (let read; (read = readSync(fd, buffer, 0, CHUNK, null)) > 0; ) hash.update(buffer.subarray(0, read));
    } finally {
      closeSync(fd);
    }
    parentPort.postMessage({ id, digest: hash.digest("hex") });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: error.message, code: error.code } });
  }
});
`;

type Reply = { id: number; digest?: string; error?: { message: string; code?: string } };
interface Job {
  id: number;
  file: string;
  resolve: (digest: string) => void;
  reject: (error: Error) => void;
}
interface Thread {
  worker: Worker;
  job: Job | null;
}

/** A pool of `size` hashing threads, started on first use; an idle pool does not keep the process alive. */
export function createHashPool(size: number) {
  const threads: Thread[] = [];
  const queue: Job[] = [];
  let nextId = 0;

  const start = (): Thread => {
    const thread: Thread = { worker: new Worker(WORKER_SOURCE, { eval: true }), job: null };
    thread.worker.unref();
    thread.worker.on("message", (reply: Reply) => {
      const job = thread.job;
      if (!job || job.id !== reply.id) return;
      thread.job = null;
      thread.worker.unref();
      if (reply.digest) job.resolve(reply.digest);
      else job.reject(Object.assign(new Error(reply.error?.message ?? "hashing failed"), { code: reply.error?.code }));
      dispatch();
    });
    // A thread that dies (out of memory, terminated) fails the file it held, not the others: it is replaced.
    const lost = (reason: string) => {
      const index = threads.indexOf(thread);
      if (index < 0) return;
      threads.splice(index, 1);
      thread.job?.reject(Object.assign(new Error(`the hashing thread stopped (${reason})`), { code: "EHASHTHREAD" }));
      thread.job = null;
      dispatch();
    };
    thread.worker.on("error", (error) => lost(error.message));
    thread.worker.on("exit", (code) => lost(`exit code ${code}`));
    threads.push(thread);
    return thread;
  };

  const dispatch = () => {
    while (queue.length > 0) {
      const thread = threads.find((t) => !t.job) ?? (threads.length < size ? start() : undefined);
      if (!thread) return;
      const job = queue.shift()!;
      thread.job = job;
      // Referenced while it works, so a caller awaiting a digest is not left behind by an exiting process.
      thread.worker.ref();
      thread.worker.postMessage({ id: job.id, file: job.file });
    }
  };

  return {
    /** sha256 of the file as lower-case hex; rejects with the read's error (its `code`, e.g. ENOENT) or a thread's loss. */
    hash(file: string): Promise<string> {
      return new Promise((resolve, reject) => {
        queue.push({ id: nextId++, file, resolve, reject });
        dispatch();
      });
    },
    /** The running threads, for a test to stop one as a crash would. */
    workers: () => threads.map((t) => t.worker),
    async close(): Promise<void> {
      await Promise.all(threads.splice(0).map((t) => t.worker.terminate()));
    },
  };
}

const pool = createHashPool(os.availableParallelism());

/** sha256 of a file as lower-case hex, computed on the process's hashing pool (one thread per core). */
export function hashFile(file: string): Promise<string> {
  return pool.hash(file);
}
