import { describe, expect, it } from "vitest";
import { acceptRequestId } from "./request-id";

describe("acceptRequestId", () => {
  it("keeps a plain token from a proxy or load balancer", () => {
    for (const id of [
      "0f8fad5b-d9cb-469f-a165-70867728950e",
      "Root=1-67891233-abcdef012345678912345678",
      "req_12345678",
    ]) {
      expect(acceptRequestId(id)).toBe(id);
    }
  });

  it("replaces anything missing, too short, too long or able to forge a log line", () => {
    for (const id of [
      null,
      undefined,
      "",
      "short",
      "x".repeat(129),
      "a b c d e f",
      'abc"def}ghi',
      "line\nbreak!",
    ]) {
      expect(acceptRequestId(id)).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
  });
});
