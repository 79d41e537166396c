import { describe, expect, it } from "vitest";
import { authenticate, type AuthenticateOptions } from "@/lib/auth/authenticate";
import {
  beginLoginAttempt,
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_ADDRESS,
  MAX_FAILURES_PER_DEVICE,
} from "@/lib/auth/login-limit";
import { INVALID_LOGIN } from "@/lib/auth/messages";
import { verifyPassword } from "@/lib/auth/password";
import { getDb } from "@/lib/db";
import { createUser } from "@/lib/seed/factories";

const PASSWORD = "correct horse battery staple";
let address = 0;
const nextAddress = () => `198.51.100.${++address}`;
const WAIT = /^Too many sign-in attempts\. Try again in (\d+) minutes?\.$/;

/** A clock the test moves by hand, and the real argon2 check with a count of how often it ran. */
function seams(start = Date.now()) {
  const state = { at: start, verified: 0 };
  const options: AuthenticateOptions = {
    now: () => new Date(state.at),
    verify: (hash, password) => {
      state.verified++;
      return verifyPassword(hash, password);
    },
  };
  return { state, options, advance: (ms: number) => (state.at += ms) };
}

/** The error message of a refused sign-in. */
async function refusal(attempt: Promise<unknown>): Promise<string> {
  const error = await attempt.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof Error)) throw new Error("the sign-in was accepted");
  return error.message;
}

describe("sign-in", () => {
  it("accepts the right password, whatever the email's case", async () => {
    const db = await getDb();
    const user = await createUser(db, { role: "editor", password: PASSWORD });
    await expect(
      authenticate(db, { email: user.email.toUpperCase(), password: PASSWORD, clientAddress: nextAddress() }),
    ).resolves.toMatchObject({ uuid: user.uuid, sessionVersion: 0 });
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

  it(`verifies at most ${MAX_FAILURES_PER_ACCOUNT} of 30 parallel wrong passwords; the owner still signs in from a browser they used before`, async () => {
    const db = await getDb();
    const user = await createUser(db, { role: "editor", password: PASSWORD });
    const { state, options, advance } = seams();
    const ownBrowser = nextAddress();
    const { deviceCookie } = await authenticate(
      db,
      { email: user.email, password: PASSWORD, clientAddress: ownBrowser },
      options,
    );
    advance(60_000);
    state.verified = 0;

    const attacker = nextAddress();
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        refusal(authenticate(db, { email: user.email, password: `guess ${i}`, clientAddress: attacker }, options)),
      ),
    );
    expect(state.verified).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT);
    expect(outcomes.filter((message) => message === INVALID_LOGIN)).toHaveLength(state.verified);
    expect(outcomes.filter((message) => WAIT.test(message))).toHaveLength(30 - state.verified);

    // A browser that never signed in to the account waits, and its attempt costs no verification.
    const verifiedBefore = state.verified;
    expect(
      await refusal(authenticate(db, { email: user.email, password: PASSWORD, clientAddress: nextAddress() }, options)),
    ).toBe("Too many sign-in attempts. Try again in 1 minute.");
    expect(state.verified).toBe(verifiedBefore);
    // A forged or another account's device cookie is no better than none.
    const forged = `${deviceCookie.split(".")[0]}.${"A".repeat(43)}`;
    expect(
      await refusal(
        authenticate(
          db,
          { email: user.email, password: PASSWORD, clientAddress: ownBrowser, deviceCookie: forged },
          options,
        ),
      ),
    ).toMatch(WAIT);

    // The owner's own browser, with its device cookie, is not held back by the guessing.
    await expect(
      authenticate(db, { email: user.email, password: PASSWORD, clientAddress: ownBrowser, deviceCookie }, options),
    ).resolves.toMatchObject({ uuid: user.uuid, deviceCookie });
  });

  it("makes each wait after the limit twice the last, up to 15 minutes, and lets the account in once it has passed", async () => {
    const db = await getDb();
    const user = await createUser(db, { role: "operator", password: PASSWORD });
    const { options, advance } = seams();
    const attempt = (password: string) =>
      authenticate(db, { email: user.email, password, clientAddress: nextAddress() }, options);
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) expect(await refusal(attempt(`wrong ${i}`))).toBe(INVALID_LOGIN);

    for (const minutes of [1, 2, 4, 8, 15, 15]) {
      // Refused (even with the right password) until the wait has passed, to the second.
      expect(await refusal(attempt(PASSWORD))).toBe(
        `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      );
      advance(minutes * 60_000 - 1_000);
      expect(await refusal(attempt(PASSWORD))).toMatch(WAIT);
      advance(1_000);
      expect(await refusal(attempt("still wrong"))).toBe(INVALID_LOGIN);
    }
    advance(15 * 60_000);
    await expect(attempt(PASSWORD)).resolves.toMatchObject({ uuid: user.uuid });
    // A success clears the account's failures.
    expect(await refusal(attempt("a typo"))).toBe(INVALID_LOGIN);
    await expect(attempt(PASSWORD)).resolves.toMatchObject({ uuid: user.uuid });
  });

  it(`limits one address to ${MAX_FAILURES_PER_ADDRESS} failures across accounts, except for browsers known to the account`, async () => {
    const db = await getDb();
    const from = nextAddress();
    const user = await createUser(db, { role: "operator", password: PASSWORD });
    const { options } = seams();
    const { deviceCookie } = await authenticate(
      db,
      { email: user.email, password: PASSWORD, clientAddress: nextAddress() },
      options,
    );
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
      expect(
        await refusal(
          authenticate(db, { email: `guess-${i}-${from}@test.local`, password: "x", clientAddress: from }, options),
        ),
      ).toBe(INVALID_LOGIN);
    }
    expect(
      await refusal(authenticate(db, { email: user.email, password: PASSWORD, clientAddress: from }, options)),
    ).toMatch(WAIT);
    await expect(
      authenticate(db, { email: user.email, password: PASSWORD, clientAddress: from, deviceCookie }, options),
    ).resolves.toMatchObject({ uuid: user.uuid });
    await expect(
      authenticate(db, { email: user.email, password: PASSWORD, clientAddress: nextAddress() }, options),
    ).resolves.toMatchObject({ uuid: user.uuid });
  });

  it(`limits a known browser to ${MAX_FAILURES_PER_DEVICE} failures of its own, without locking the account elsewhere`, async () => {
    const db = await getDb();
    const user = await createUser(db, { role: "operator", password: PASSWORD });
    const { options } = seams();
    const { deviceCookie } = await authenticate(
      db,
      { email: user.email, password: PASSWORD, clientAddress: nextAddress() },
      options,
    );
    for (let i = 0; i < MAX_FAILURES_PER_DEVICE; i++) {
      expect(
        await refusal(
          authenticate(
            db,
            { email: user.email, password: `wrong ${i}`, clientAddress: nextAddress(), deviceCookie },
            options,
          ),
        ),
      ).toBe(INVALID_LOGIN);
    }
    expect(
      await refusal(
        authenticate(
          db,
          { email: user.email, password: PASSWORD, clientAddress: nextAddress(), deviceCookie },
          options,
        ),
      ),
    ).toBe("Too many sign-in attempts. Try again in 1 minute.");
    await expect(
      authenticate(db, { email: user.email, password: PASSWORD, clientAddress: nextAddress() }, options),
    ).resolves.toMatchObject({ uuid: user.uuid });
  });
});

describe("parallel sign-ins from one address", () => {
  it("never make each other wait below the limit, whatever order their clocks and the lock give them", async () => {
    // Two people behind one address press "Sign in" at once: the second took its time first, the
    // first took the lock first and wrote its in-flight attempt a millisecond "later".
    const db = await getDb();
    const clientAddress = `198.51.100.${Math.floor(Math.random() * 250)}`;
    const later = new Date();
    const earlier = new Date(later.getTime() - 1);
    const first = await beginLoginAttempt(
      db,
      { email: `a-${Date.now()}@test.local`, clientAddress, device: null },
      later,
    );
    const second = await beginLoginAttempt(
      db,
      { email: `b-${Date.now()}@test.local`, clientAddress, device: null },
      earlier,
    );
    expect(first).toHaveProperty("attemptId");
    expect(second).toHaveProperty("attemptId");
  });
});
