import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Capability } from "@/lib/auth/permissions";
import { defineAction, isDefinedAction } from "@/lib/define-action";
import { KnownError, notAllowed } from "@/lib/errors";

// The frame alone: the session, the cache and the redirect are Next's seams, replaced here; the
// real actions are called as every role by app/authorization.test.ts.

const seams = vi.hoisted(() => ({
  checked: [] as string[],
  revalidated: [] as unknown[][],
  refuse: false,
}));
vi.mock("@/lib/auth/session", () => ({
  requireCapability: async (capability: string) => {
    seams.checked.push(capability);
    if (seams.refuse)
      throw new (await import("@/lib/errors")).KnownError("forbidden", "You are not allowed to do this.");
    return { id: 1, uuid: "00000000-0000-4000-8000-000000000001", email: "a@test.local", name: "A", role: "editor" };
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: (...args: unknown[]) => seams.revalidated.push(args) }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Error(`redirect ${to}`);
  },
}));

beforeEach(() => {
  seams.checked = [];
  seams.revalidated = [];
  seams.refuse = false;
});

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

const schema = z.strictObject({ name: z.string().min(1, "Name it."), kind: z.enum(["a", "b"]).default("a") });
const capabilityOf = ({ kind }: { kind: "a" | "b" }): Capability => (kind === "a" ? "assets.read" : "admin.manage");

describe("defineAction", () => {
  it("parses the form, checks the input's capability, runs, then revalidates", async () => {
    const run = vi.fn(async ({ input }: { input: { name: string } }) => ({ echoed: input.name }));
    const action = defineAction(
      {
        name: "test",
        schema,
        capability: capabilityOf,
        revalidate: ({ name }) => [`/x/${name}`, { path: "/y", type: "layout" }],
      },
      run,
    );
    expect(await action(null, form({ name: "n", kind: "b", $ACTION_ID_1: "" }))).toEqual({ ok: true, echoed: "n" });
    expect(seams.checked).toEqual(["admin.manage"]);
    expect(seams.revalidated).toEqual([["/x/n"], ["/y", "layout"]]);
    expect(isDefinedAction(action)).toBe(true);
  });

  it("refuses bad input with field errors before checking or running anything", async () => {
    const run = vi.fn(async () => undefined);
    const action = defineAction({ name: "test", schema, capability: "assets.read" }, run);
    expect(await action(null, form({ name: "", extra: "x" }))).toEqual({
      ok: false,
      message: "Some fields need attention; nothing was changed.",
      fieldErrors: { form: [expect.any(String)], name: ["Name it."] },
    });
    // Something other than a form in the form's place is bad input too, not a crash.
    expect(await action(null, "name=n" as unknown as FormData)).toMatchObject({
      ok: false,
      fieldErrors: { form: [expect.any(String)] },
    });
    expect(seams.checked).toEqual([]);
    expect(run).not.toHaveBeenCalled();
  });

  it("refuses a NUL character in a form field or a value with a clear message, running nothing", async () => {
    const run = vi.fn(async () => undefined);
    const formAction = defineAction({ name: "test", schema, capability: "assets.read" }, run);
    const valueAction = defineAction({ name: "test", schema, input: "value", capability: "assets.read" }, run);
    const refusal = { ok: false, message: expect.stringContaining("NUL character") };
    expect(await formAction(null, form({ name: "a\u0000b" }))).toEqual(refusal);
    expect(await valueAction({ name: "ok", kind: "a", nested: ["x\u0000"] })).toEqual(refusal);
    expect(seams.checked).toEqual([]);
    expect(run).not.toHaveBeenCalled();
  });

  it("runs nothing and revalidates nothing for a caller without the capability", async () => {
    seams.refuse = true;
    const run = vi.fn(async () => undefined);
    const action = defineAction(
      { name: "test", schema, input: "value", capability: "assets.read", revalidate: ["/x"] },
      run,
    );
    expect(await action({ name: "n" })).toEqual({ ok: false, message: "You are not allowed to do this." });
    expect(run).not.toHaveBeenCalled();
    expect(seams.revalidated).toEqual([]);
  });

  it("keeps a known error's message and field errors, and hides an unexpected one", async () => {
    const known = defineAction({ name: "test", capability: "assets.read" }, async () => {
      throw new KnownError("invalid", "Fix the name.", { name: ["Taken."] });
    });
    expect(await known()).toEqual({ ok: false, message: "Fix the name.", fieldErrors: { name: ["Taken."] } });
    const unexpected = defineAction({ name: "test", capability: "assets.read", revalidate: ["/x"] }, async () => {
      throw new Error("connection reset");
    });
    expect(await unexpected()).toEqual({
      ok: false,
      message: "Something went wrong and nothing was changed. Try again; if it persists, tell an admin.",
    });
    expect(seams.revalidated).toEqual([]);
  });

  it("redirects after a success when asked, once the pages are revalidated", async () => {
    const action = defineAction(
      {
        name: "test",
        schema,
        capability: "assets.read",
        revalidate: ["/x"],
        redirect: ({ input }) => (input.kind === "b" ? "/elsewhere" : null),
      },
      async () => {
        throw notAllowed();
      },
    );
    expect(await action(null, form({ name: "n", kind: "b" }))).toMatchObject({ ok: false });

    const leaving = defineAction(
      { name: "test", schema, capability: "assets.read", revalidate: ["/x"], redirect: () => "/elsewhere" },
      async () => ({ changed: true }),
    );
    await expect(leaving(null, form({ name: "n" }))).rejects.toThrow("redirect /elsewhere");
    expect(seams.revalidated).toEqual([["/x"]]);
  });

  it("does not count a function written by hand", () => {
    expect(isDefinedAction(async () => ({ ok: true }))).toBe(false);
  });
});
