import { describe, expect, it } from "vitest";
import { applyMutations, type Mutation } from "./mutations.js";

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");
const mutate = (input: string, ...changes: Mutation[]) => text(applyMutations(Buffer.from(input, "latin1"), changes));

describe("fixture mutations", () => {
  it("insert, delete and duplicate at a fraction of the current length", () => {
    expect(mutate("abcd", { kind: "insert", at: 0.5, bytes: new Uint8Array([0x7b, 0]) })).toBe("ab{\0cd");
    expect(mutate("abcdef", { kind: "delete", at: 0.2, length: 2 })).toBe("adef");
    expect(mutate("abcdef", { kind: "duplicate", at: 0.5, length: 2 })).toBe("abcdedef");
    expect(mutate("abcdef", { kind: "duplicate", at: 0.9, length: 10 })).toBe("abcdeff");
  });

  it("truncate, change line endings and insert long tokens", () => {
    expect(mutate("abcdef", { kind: "truncate", at: 0.5 })).toBe("abc");
    expect(mutate("a\nb\r\nc", { kind: "line-endings", ending: "\r\n" })).toBe("a\r\nb\r\nc");
    expect(mutate("a\nb", { kind: "line-endings", ending: "\r" })).toBe("a\rb");
    expect(mutate("ab", { kind: "long-token", at: 0.5, unit: "{", repeat: 3 })).toBe("a{{{b");
  });

  it("apply in order, each to the result of the previous one", () => {
    expect(mutate("abc", { kind: "truncate", at: 0.5 }, { kind: "insert", at: 0.99, bytes: new Uint8Array([0x22]) })).toBe('ab"');
  });
});
