import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { PartReader } from "./part-reader";

async function parts(chunks: (string | Buffer)[], partSize: number) {
  const buffer = Buffer.alloc(partSize);
  const reader = new PartReader(Readable.from(chunks), buffer);
  const out: { data: string; last: boolean }[] = [];
  for (;;) {
    const part = await reader.fill();
    out.push({ data: buffer.subarray(0, part.length).toString(), last: part.last });
    if (part.last) return out;
  }
}

describe("PartReader", () => {
  it("splits a stream into full parts and says which is last", async () => {
    expect(await parts(["abc", "defg", "h"], 3)).toEqual([
      { data: "abc", last: false },
      { data: "def", last: false },
      { data: "gh", last: true },
    ]);
  });

  it("knows a part that fills the buffer exactly is the last one", async () => {
    // The single-PutObject path depends on this: no empty trailing part.
    expect(await parts(["ab", "cd"], 4)).toEqual([{ data: "abcd", last: true }]);
    expect(await parts(["abcdef"], 3)).toEqual([
      { data: "abc", last: false },
      { data: "def", last: true },
    ]);
  });

  it("handles empty bodies and empty chunks", async () => {
    expect(await parts([], 4)).toEqual([{ data: "", last: true }]);
    expect(await parts([Buffer.alloc(0), "ab", Buffer.alloc(0)], 4)).toEqual([{ data: "ab", last: true }]);
  });

  it("rejects with the abort reason while waiting on a stalled stream", async () => {
    const stalled = new Readable({ read() {} });
    const controller = new AbortController();
    const reader = new PartReader(stalled, Buffer.alloc(4), controller.signal);
    const fill = reader.fill();
    controller.abort(new Error("stop"));
    await expect(fill).rejects.toThrow("stop");
  });
});
