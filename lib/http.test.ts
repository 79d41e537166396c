import { describe, expect, it } from "vitest";
import { KnownError, notAllowed, notSignedIn } from "@/lib/errors";
import { errorResponse } from "@/lib/http";

describe("errorResponse", () => {
  it.each([
    [notSignedIn(), 401, "Sign in to continue."],
    [notAllowed(), 403, "You are not allowed to do this."],
    [new KnownError("not_found", "No asset has this uuid."), 404, "No asset has this uuid."],
    [new KnownError("conflict", "Changed meanwhile."), 409, "Changed meanwhile."],
  ])("answers a known error with its status and message", async (error, status, message) => {
    const response = errorResponse(error, {});
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ error: message });
  });

  it("hides anything else behind a generic 500", async () => {
    const response = errorResponse(new Error("connection refused at 10.0.0.5"), { route: "test" });
    expect(response.status).toBe(500);
    expect(JSON.stringify(await response.json())).not.toContain("10.0.0.5");
  });
});
