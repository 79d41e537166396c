import { describe, expect, it } from "vitest";
import { authOptions } from "@/lib/auth/config";
import { deskOrigin } from "@/lib/auth/origin";
import { safeRedirect } from "@/lib/auth/redirect";

const DESK = "http://desk.example:3000";

describe("where sign-in sends people", () => {
  it.each([
    // %2F%09%2Fevil.example: a browser drops the tab and reads //evil.example.
    ["/\t/evil.example"],
    ["/\n/evil.example"],
    ["//evil.example"],
    ["/\\evil.example"],
    ["\\\\evil.example"],
    ["https://evil.example/"],
    ["http://desk.example:3001/assets"],
    ["javascript:alert(document.cookie)"],
    ["JaVaScRiPt:alert(1)"],
    ["data:text/html,<script>alert(1)</script>"],
  ])("refuses %j: to the desk's home", (target) => {
    expect(safeRedirect(target, DESK)).toBe("/");
  });

  it("keeps a path on the desk, with its query and fragment", () => {
    expect(safeRedirect("/assets?status=pending&q=a%20b#row", DESK)).toBe("/assets?status=pending&q=a%20b#row");
    expect(safeRedirect(`${DESK}/catalog`, DESK)).toBe("/catalog");
    expect(safeRedirect(undefined, DESK)).toBe("/");
    expect(safeRedirect(["/trash", "//evil.example"], DESK)).toBe("/trash");
  });

  it("never answers a path that a browser would read as another host", () => {
    expect(safeRedirect(`${DESK}//evil.example/x`, DESK)).toBe("/evil.example/x");
  });

  it("is the rule of next-auth's redirect callback too", async () => {
    const redirect = authOptions.callbacks!.redirect!;
    expect(await redirect({ url: "/\t/evil.example", baseUrl: DESK })).toBe(`${DESK}/`);
    expect(await redirect({ url: "https://evil.example/phish", baseUrl: DESK })).toBe(`${DESK}/`);
    expect(await redirect({ url: "/assets?status=approved", baseUrl: DESK })).toBe(`${DESK}/assets?status=approved`);
  });

  it("finds the desk's origin as next-auth does: NEXTAUTH_URL, else the forwarded or plain Host", () => {
    const saved = process.env.NEXTAUTH_URL;
    try {
      delete process.env.NEXTAUTH_URL;
      expect(deskOrigin(new Headers({ host: "desk.example:3000", "x-forwarded-proto": "http" }))).toBe(DESK);
      expect(
        deskOrigin(
          new Headers({ host: "internal:3000", "x-forwarded-host": "desk.example", "x-forwarded-proto": "https" }),
        ),
      ).toBe("https://desk.example");
      expect(deskOrigin(new Headers({ host: "desk.example" }))).toBe("https://desk.example");
      process.env.NEXTAUTH_URL = "https://assets.example.org/desk";
      expect(deskOrigin(new Headers({ host: "evil.example", "x-forwarded-proto": "http" }))).toBe(
        "https://assets.example.org",
      );
    } finally {
      if (saved === undefined) delete process.env.NEXTAUTH_URL;
      else process.env.NEXTAUTH_URL = saved;
    }
  });
});
