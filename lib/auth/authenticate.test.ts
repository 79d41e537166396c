import { describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { LOGIN_WINDOW_MS, MAX_FAILURES_PER_ADDRESS, MAX_FAILURES_PER_ACCOUNT, loginLockoutMinutes } from "@/lib/auth/login-limit";
import { INVALID_LOGIN } from "@/lib/auth/messages";
import { getDb } from "@/lib/db";
import { createUser } from "@/lib/seed/factories";

const PASSWORD = "correct horse battery staple";
let address = 0;
const nextAddress = () => `198.51.100.${++address}`;

describe("sign-in", () => {
  it("accepts the right password, whatever the email's case", async () => {
    const db = await getDb();
    const user = await createUser(db, { role: "editor", password: PASSWORD });
    await expect(authenticate(db, { email: user.email.toUpperCase(), password: PASSWORD, clientAddress: nextAddress() })).resolves.toEqual({ uuid: user.uuid });
  });

  it("gives the same message for an unknown email, a wrong password and a disabled account", async () => {
    const db = await getDb();
    const user = await createUser(db, { role: "operator", password: PASSWORD });
    const disabled = await createUser(db, { role: "operator", password: PASSWORD });
    await db.user.update({ where: { uuid: disabled.uuid }, data: { disabled: true } });

    for (const attempt of [
      { email: "nobody@test.local", password: PASSWORD },
      { email: user.email, password: "wrong password!" },
      { email: disabled.email, password: PASSWORD },
    ]) {
      await expect(authenticate(db, { ...attempt, clientAddress: nextAddress() })).rejects.toThrow(INVALID_LOGIN);
    }
  });

  it(`locks an account after ${MAX_FAILURES_PER_ACCOUNT} failures in 15 minutes, even with the right password, from any address`, async () => {
    const db = await getDb();
    const user = await createUser(db, { role: "operator", password: PASSWORD });
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      await expect(authenticate(db, { email: user.email, password: `wrong-${i}`, clientAddress: nextAddress() })).rejects.toThrow(INVALID_LOGIN);
    }
    await expect(authenticate(db, { email: user.email, password: PASSWORD, clientAddress: nextAddress() })).rejects.toThrow(
      /Too many sign-in attempts\. Try again in 15 minutes\./,
    );
  });

  it(`limits one address to ${MAX_FAILURES_PER_ADDRESS} failures across accounts`, async () => {
    const db = await getDb();
    const from = nextAddress();
    const user = await createUser(db, { role: "operator", password: PASSWORD });
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
      await expect(authenticate(db, { email: `guess-${i}@test.local`, password: "x", clientAddress: from })).rejects.toThrow(INVALID_LOGIN);
    }
    await expect(authenticate(db, { email: user.email, password: PASSWORD, clientAddress: from })).rejects.toThrow(/Too many sign-in attempts/);
    await expect(authenticate(db, { email: user.email, password: PASSWORD, clientAddress: nextAddress() })).resolves.toEqual({ uuid: user.uuid });
  });

  it("counts down as failures leave the window, and a success clears an account's earlier failures", async () => {
    const db = await getDb();
    const email = "countdown@test.local";
    const now = Date.now();
    const from = nextAddress();
    await db.loginAttempt.createMany({
      data: Array.from({ length: MAX_FAILURES_PER_ACCOUNT }, (_, i) => ({ email, clientAddress: from, succeeded: false, at: new Date(now - LOGIN_WINDOW_MS + (i + 1) * 60_000 + 1_000) })),
    });
    // The oldest failure leaves the window in just over a minute.
    expect(await loginLockoutMinutes(db, email, nextAddress(), new Date(now))).toBe(2);
    expect(await loginLockoutMinutes(db, email, nextAddress(), new Date(now + 2 * 60_000))).toBe(0);

    await db.loginAttempt.create({ data: { email, clientAddress: from, succeeded: true, at: new Date(now) } });
    expect(await loginLockoutMinutes(db, email, nextAddress(), new Date(now + 1_000))).toBe(0);
  });
});
