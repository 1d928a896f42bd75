import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonChunks, type JsonReplacer } from "./json-chunks.js";

function streamed(value: unknown, replacer?: JsonReplacer, chunkLength?: number): string {
  return [...jsonChunks(value, replacer, chunkLength)].join("");
}

/** Any UTF-16 code units: controls, quotes, backslashes, lone and paired surrogates. */
const anyCodeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) });

const oddStrings = [
  'say "hi"',
  "C:\\path\\",
  "\u0000\u0001\u001f\u007f",
  "\b\f\n\r\t\v",
  "\u2028\u2029",
  "😀 and 𝄞",
  "\ud800",
  "lone high \ud83d at the end \udbff",
  "\udc00 lone low first",
  "\ude00\ud83d reversed pair",
  "</script>",
  "",
];

describe("jsonChunks", () => {
  it("writes odd strings, as values and as keys, as JSON.stringify does", () => {
    const value = { strings: oddStrings, keyed: Object.fromEntries(oddStrings.map((text, index) => [text, index])) };
    expect(streamed(value)).toBe(JSON.stringify(value));
    for (const text of oddStrings) expect(streamed(text)).toBe(JSON.stringify(text));
  });

  it("writes numbers, booleans, null, empty containers and left-out values as JSON.stringify does", () => {
    const value = {
      numbers: [0, -0, 1.5, -2e-7, 1e21, Number.MAX_SAFE_INTEGER, NaN, Infinity, -Infinity],
      flags: [true, false, null],
      empty: [{}, [], [[]], { inner: {} }],
      leftOut: { missing: undefined, method() {}, [Symbol("s")]: 1, symbol: Symbol("s"), kept: 1 },
      inArray: [undefined, () => 1, Symbol("s")],
      sparse: [1, , 3],
    };
    expect(streamed(value)).toBe(JSON.stringify(value));
  });

  it("writes nothing where JSON.stringify gives undefined", () => {
    expect(streamed(undefined)).toBe("");
    expect(streamed(() => 1)).toBe("");
  });

  it("refuses a bigint, as JSON.stringify does", () => {
    expect(() => streamed({ size: 1n })).toThrow(TypeError);
  });

  it("calls toJSON with the member's key, then the replacer with the holder as this", () => {
    const calls: string[] = [];
    const replacer: JsonReplacer = function (key, value) {
      calls.push(`${key}:${Array.isArray(this) ? "array" : typeof this}`);
      return typeof value === "number" ? value * 10 : value;
    };
    const dated = { toJSON: (key: string) => ({ converted: key }) };
    const value = { a: 1, list: [2, dated], nested: { dated } };
    const expectedCalls: string[] = [];
    const expected = JSON.stringify(value, function (key, member) {
      expectedCalls.push(`${key}:${Array.isArray(this) ? "array" : typeof this}`);
      return typeof member === "number" ? member * 10 : member;
    });
    expect(streamed(value, replacer)).toBe(expected);
    expect(calls).toEqual(expectedCalls);
  });

  it("lets the replacer leave members out and replace the root", () => {
    const dropB: JsonReplacer = (key, value) => (key === "b" ? undefined : value);
    expect(streamed({ a: 1, b: 2, c: [{ b: 3 }] }, dropB)).toBe('{"a":1,"c":[{}]}');
    const wrapRoot: JsonReplacer = (key, value) => (key === "" ? { root: value } : value);
    expect(streamed([1], wrapRoot)).toBe(JSON.stringify([1], wrapRoot));
  });

  it("cuts the text into chunks of at least chunkLength characters, the last one aside", () => {
    const value = { lines: Array.from({ length: 200 }, (_, line) => ({ line, text: `line ${line} "quoted"` })) };
    const chunks = [...jsonChunks(value, undefined, 100)];
    expect(chunks.length).toBeGreaterThan(10);
    for (const chunk of chunks.slice(0, -1)) expect(chunk.length).toBeGreaterThanOrEqual(100);
    // A chunk ends soon after it is full, not at the end of the container it is in.
    for (const chunk of chunks) expect(chunk.length).toBeLessThan(200);
    expect(chunks.join("")).toBe(JSON.stringify(value));
  });

  it("matches JSON.stringify on any JSON value, with any code units in its strings, cut anywhere", () => {
    const values = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: "small" },
        anyCodeUnits,
        fc.double(),
        fc.boolean(),
        fc.constant(null),
        fc.constant(undefined),
        fc.array(tie("value")),
        fc.dictionary(anyCodeUnits, tie("value")),
      ),
    })).value;
    fc.assert(
      fc.property(values, fc.integer({ min: 1, max: 64 }), (value, chunkLength) => {
        expect(streamed(value, undefined, chunkLength)).toBe(JSON.stringify(value) ?? "");
      }),
    );
  });
});
