import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/auth/client-address";

describe("clientAddress", () => {
  it("is the socket peer Next.js records when nothing is in front", () => {
    expect(clientAddress({ "x-forwarded-for": "203.0.113.7" }, 0)).toBe("203.0.113.7");
  });

  it("is the address the outermost trusted proxy saw, not what the client claimed", () => {
    const headers = new Headers({ "x-forwarded-for": "10.9.9.9, 203.0.113.7, 192.0.2.10" });
    expect(clientAddress(headers, 1)).toBe("192.0.2.10");
    expect(clientAddress(headers, 2)).toBe("203.0.113.7");
  });

  it("falls back to the first entry when fewer hops are present than configured, and to 'unknown'", () => {
    expect(clientAddress({ "x-forwarded-for": "203.0.113.7" }, 3)).toBe("203.0.113.7");
    expect(clientAddress({}, 0)).toBe("unknown");
  });
});
