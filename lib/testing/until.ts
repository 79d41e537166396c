/** Reads until `done` holds (every 100 ms, up to `attempts` times): tests wait for a state, not for a time. */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, attempts = 200): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("timed out waiting");
}
