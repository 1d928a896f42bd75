// JSON text in pieces, for a tree too large to print as one string. A parse tree's JSON is about
// twenty times the size of its source (37 MB for a 1.9 MB nginx file); JSON.stringify would
// build all of it in memory and then again as the bytes given to stdout.
//
// The pieces joined are exactly what JSON.stringify(value, replacer) writes (compact form) for
// the values a tree holds: objects and arrays, toJSON methods, strings, numbers, booleans, null,
// and undefined or functions, which are left out of objects and written as null in arrays.
// Strings and keys are quoted by JSON.stringify itself, so their escapes are its own.

export type JsonReplacer = (this: unknown, key: string, value: unknown) => unknown;

interface OpenContainer {
  value: Record<string, unknown> | unknown[];
  /** The keys to write, for an object; null for an array. */
  keys: string[] | null;
  /** The next key or element to write. */
  index: number;
  /** Whether a member was written yet: the next one needs a comma before it. */
  hasMembers: boolean;
}

const DEFAULT_CHUNK_LENGTH = 64 * 1024;

/**
 * Yields the JSON text of `value` in chunks of at least `chunkLength` characters (the last one
 * may be shorter). The tree is walked with a stack of open containers rather than by recursion,
 * so that the walk can stop at any point to hand a chunk out.
 */
export function* jsonChunks(
  value: unknown,
  replacer?: JsonReplacer,
  chunkLength = DEFAULT_CHUNK_LENGTH,
): Generator<string, void, undefined> {
  let text = "";
  const open: OpenContainer[] = [];
  // `"key":` for each key met: a tree has few distinct keys, written many times each.
  const quotedKeys = new Map<string, string>();
  const quotedKey = (key: string): string => {
    let quoted = quotedKeys.get(key);
    if (quoted === undefined) {
      quoted = `${JSON.stringify(key)}:`;
      quotedKeys.set(key, quoted);
    }
    return quoted;
  };

  /** The value JSON.stringify writes for `holder[key]`: toJSON first, then the replacer. */
  const prepared = (holder: unknown, key: string, member: unknown): unknown => {
    if (typeof member === "object" && member !== null && typeof (member as { toJSON?: unknown }).toJSON === "function") {
      member = (member as { toJSON(key: string): unknown }).toJSON(key);
    }
    return replacer === undefined ? member : replacer.call(holder, key, member);
  };

  /** Writes a primitive or the opening of a container; see hasJsonText for the others. */
  const write = (member: unknown): void => {
    switch (typeof member) {
      case "string":
        text += JSON.stringify(member);
        break;
      case "number":
        text += Number.isFinite(member) ? String(member) : "null";
        break;
      case "boolean":
        text += member ? "true" : "false";
        break;
      case "object":
        if (member === null) {
          text += "null";
        } else if (Array.isArray(member)) {
          text += "[";
          open.push({ value: member, keys: null, index: 0, hasMembers: false });
        } else {
          text += "{";
          open.push({ value: member as Record<string, unknown>, keys: Object.keys(member), index: 0, hasMembers: false });
        }
        break;
      default:
        // A bigint, which JSON.stringify refuses too.
        throw new TypeError(`JSON cannot hold a ${typeof member}`);
    }
  };

  const root = prepared({ "": value }, "", value);
  if (!hasJsonText(root)) return;
  write(root);
  while (open.length > 0) {
    const depth = open.length;
    const container = open[depth - 1]!;
    const { keys } = container;
    const count = keys === null ? (container.value as unknown[]).length : keys.length;
    // Write members until one opens a container (now the top of the stack), the chunk is full,
    // or none is left.
    while (open.length === depth && container.index < count && text.length < chunkLength) {
      const index = container.index++;
      const key = keys === null ? String(index) : keys[index]!;
      const member = prepared(container.value, key, (container.value as Record<string, unknown>)[key]);
      if (keys === null) {
        text += container.hasMembers ? "," : "";
        container.hasMembers = true;
        if (hasJsonText(member)) write(member);
        else text += "null";
      } else if (hasJsonText(member)) {
        text += container.hasMembers ? `,${quotedKey(key)}` : quotedKey(key);
        container.hasMembers = true;
        write(member);
      }
    }
    if (open.length === depth && container.index === count) {
      text += keys === null ? "]" : "}";
      open.pop();
    }
    if (text.length >= chunkLength) {
      yield text;
      text = "";
    }
  }
  if (text !== "") yield text;
}

/** False for undefined, functions and symbols: JSON leaves them out of objects, and writes null in arrays. */
function hasJsonText(value: unknown): boolean {
  return value !== undefined && typeof value !== "function" && typeof value !== "symbol";
}
