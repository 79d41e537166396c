import "server-only";
import os from "node:os";
import { Worker } from "node:worker_threads";

// File work off the main thread, on a pool of worker threads (one per core):
// - sha256, each file read in 1 MiB chunks into one reused buffer (large reads hash about twice as
//   fast as 64 KiB ones, and a fresh Buffer per chunk cost more CPU than the digest itself:
//   docs/benchmarks.md, "Where the time goes"); the main thread only gets the digest back;
// - the stats of a folder's files, in one message: a stat through fs/promises costs the main thread
//   a thread-pool round trip and a promise (100,000 took 4.7 s at load 10, against 0.6–1.3 s as
//   plain system calls in a row), and a synchronous stat on the main thread could hang a server on
//   a slow share.
//
// The worker's code is a string evaluated as CommonJS, not a file: the same pool then runs under
// the CLI (tsx), Vitest and the Next server's bundle, none of which would resolve a worker file alike.
const WORKER_SOURCE = `
const { createHash } = require("node:crypto");
const { closeSync, openSync, readSync, statSync } = require("node:fs");
const { parentPort } = require("node:worker_threads");
const CHUNK = 1024 * 1024;
const buffer = Buffer.allocUnsafe(CHUNK);
const statOf = (file) => {
  try {
    const info = statSync(file);
    return info.isFile() ? { size: info.size, mtimeMs: info.mtimeMs } : { error: "Not a regular file" };
  } catch (error) {
    return { error: error.message };
  }
};
parentPort.on("message", ({ id, file, stat }) => {
  if (stat) return parentPort.postMessage({ id, stats: stat.map(statOf) });
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

/** A file's size and modification time, or why it could not be had. */
export type FileStat = { size: number; mtimeMs: number; error?: undefined } | { error: string };
type Reply = { id: number; digest?: string; stats?: FileStat[]; error?: { message: string; code?: string } };
type Task = { file: string } | { stat: string[] };
interface Job {
  id: number;
  task: Task;
  resolve: (reply: Reply) => void;
  reject: (error: Error) => void;
}
interface Thread {
  worker: Worker;
  job: Job | null;
}

/** A pool of `size` file threads, started on first use; an idle pool does not keep the process alive. */
export function createFileThreads(size: number) {
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
      if (reply.error) job.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
      else job.resolve(reply);
      dispatch();
    });
    // A thread that dies (out of memory, terminated) fails the file it held, not the others: it is replaced.
    const lost = (reason: string) => {
      const index = threads.indexOf(thread);
      if (index < 0) return;
      threads.splice(index, 1);
      thread.job?.reject(Object.assign(new Error(`the file thread stopped (${reason})`), { code: "ETHREADLOST" }));
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
      thread.worker.postMessage({ id: job.id, ...job.task });
    }
  };

  const submit = (task: Task) =>
    new Promise<Reply>((resolve, reject) => {
      queue.push({ id: nextId++, task, resolve, reject });
      dispatch();
    });

  return {
    /** sha256 of the file as lower-case hex; rejects with the read's error (its `code`, e.g. ENOENT) or a thread's loss. */
    hash: async (file: string): Promise<string> => (await submit({ file })).digest!,
    /** Size and modification time of each file, in order, by one thread. */
    stat: async (files: string[]): Promise<FileStat[]> => (await submit({ stat: files })).stats!,
    /** The running threads, for a test to stop one as a crash would. */
    workers: () => threads.map((t) => t.worker),
    async close(): Promise<void> {
      await Promise.all(threads.splice(0).map((t) => t.worker.terminate()));
    },
  };
}

const pool = createFileThreads(os.availableParallelism());

/** sha256 of a file as lower-case hex, computed on the process's file threads (one per core). */
export function hashFile(file: string): Promise<string> {
  return pool.hash(file);
}

/** Size and modification time of each file (a folder's worth at a time), on the process's file threads. */
export function statFiles(files: string[]): Promise<FileStat[]> {
  return pool.stat(files);
}
