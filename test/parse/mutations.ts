// Damage done to fixture bytes by the fuzz tests, as data that fast-check generates and shrinks.
// Positions are fractions of the current length, so a mutation fits any input.
import fc from "fast-check";

export type Mutation =
  | { kind: "insert"; at: number; bytes: Uint8Array }
  | { kind: "delete"; at: number; length: number }
  | { kind: "duplicate"; at: number; length: number }
  | { kind: "truncate"; at: number }
  | { kind: "line-endings"; ending: "\r\n" | "\r" }
  | { kind: "long-token"; at: number; unit: string; repeat: number };

/** What the tokenizers of both dialects treat specially, and a few things they should not. */
const SIGNIFICANT_TEXT = [
  "{", "}", ";", '"', "'", "\\", "#", "$", "${", "}}", "\0", "\r", "\n", "\r\n", "\t", " ", "\v", "\f",
  "\u00a0", "\ufeff", "é", '""', "'\\'", "\\\n", "location / {", "server {", "if ($x) {",
  "_by_lua_block {", ".if 1\n", ".elif 0\n", ".else\n", ".endif\n", "backend b\n", "acl a hdr(x) -i y\n",
  "use_backend b if { path_beg /ws }\n", "\"${HOME\"", "0x", "\\x4",
];

const at = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

const insertedBytes = fc.oneof(
  fc.constantFrom(...SIGNIFICANT_TEXT).map((text) => new Uint8Array(Buffer.from(text, "utf8"))),
  // Anything, including NUL and bytes that are not UTF-8 (the file is then read as latin1).
  fc.uint8Array({ minLength: 1, maxLength: 16 }),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("insert" as const), at, bytes: insertedBytes }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("delete" as const), at, length: fc.integer({ min: 1, max: 400 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("duplicate" as const), at, length: fc.integer({ min: 1, max: 400 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("truncate" as const), at }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("line-endings" as const), ending: fc.constantFrom("\r\n" as const, "\r" as const) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("long-token" as const),
      at,
      unit: fc.constantFrom("a", "{", "}", '"', "\\", "#", "é", "x ", "$"),
      repeat: fc.integer({ min: 1000, max: 65_536 }),
    }),
  },
);

export const mutations = fc.array(mutation, { minLength: 1, maxLength: 8 });

/** An insertion point: anywhere from before the first byte to after the last. */
function index(fraction: number, length: number): number {
  return Math.floor(fraction * (length + 1));
}

/** The first byte of a range. */
function rangeStart(fraction: number, length: number): number {
  return Math.floor(fraction * length);
}

function apply(bytes: Buffer, change: Mutation): Buffer {
  switch (change.kind) {
    case "insert": {
      const i = index(change.at, bytes.length);
      return Buffer.concat([bytes.subarray(0, i), change.bytes, bytes.subarray(i)]);
    }
    case "delete": {
      const i = rangeStart(change.at, bytes.length);
      return Buffer.concat([bytes.subarray(0, i), bytes.subarray(i + change.length)]);
    }
    case "duplicate": {
      const i = rangeStart(change.at, bytes.length);
      const range = bytes.subarray(i, i + change.length);
      return Buffer.concat([bytes.subarray(0, i), range, range, bytes.subarray(i + range.length)]);
    }
    case "truncate":
      return bytes.subarray(0, index(change.at, bytes.length));
    case "line-endings":
      return Buffer.from(bytes.toString("latin1").replace(/\r?\n/g, change.ending), "latin1");
    case "long-token": {
      const i = index(change.at, bytes.length);
      return Buffer.concat([bytes.subarray(0, i), Buffer.from(change.unit.repeat(change.repeat)), bytes.subarray(i)]);
    }
  }
}

export function applyMutations(bytes: Uint8Array, changes: readonly Mutation[]): Uint8Array {
  return changes.reduce<Buffer>((current, change) => apply(current, change), Buffer.from(bytes));
}

/** Short enough for a failure message: `insert "{" at 0.42, delete 12 at 0.9`. */
export function describeMutations(changes: readonly Mutation[]): string {
  return changes
    .map((change) => {
      switch (change.kind) {
        case "insert":
          return `insert ${JSON.stringify(Buffer.from(change.bytes).toString("latin1"))} at ${change.at.toFixed(3)}`;
        case "delete":
        case "duplicate":
          return `${change.kind} ${change.length} bytes at ${change.at.toFixed(3)}`;
        case "truncate":
          return `truncate at ${change.at.toFixed(3)}`;
        case "line-endings":
          return `line endings to ${JSON.stringify(change.ending)}`;
        case "long-token":
          return `${change.repeat} × ${JSON.stringify(change.unit)} at ${change.at.toFixed(3)}`;
      }
    })
    .join(", ");
}
