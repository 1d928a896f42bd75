// Checks that hold for the result of either parser on any input, shared by the in-process tests
// (TypeScript sources) and the fuzz worker (built code). Plain JavaScript so the worker can load it.

/** @param {unknown} value */
function isPosition(value) {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (/** @type {any} */ (value).offset) === "number" &&
    typeof (/** @type {any} */ (value).line) === "number" &&
    typeof (/** @type {any} */ (value).column) === "number"
  );
}

/**
 * Every position anywhere in `tree` (nodes, words, problems...) must be a real place in `text`:
 * an integer offset within it, and the line and column that offset has. Spans must not run
 * backwards. Walks without recursion, so 10,000 nested blocks do not overflow the stack.
 *
 * @param {unknown} tree
 * @param {string} text
 * @param {{ position(offset: number): { line: number; column: number } }} lineIndex
 * @returns {string[]} one description per bad position (at most 10)
 */
export function positionErrors(tree, text, lineIndex) {
  const errors = [];
  const seen = new Set([tree]);
  /** @type {{ value: any; trail: Trail }[]} */
  const pending = [{ value: tree, trail: { key: "result" } }];
  while (pending.length > 0 && errors.length < 10) {
    const { value, trail } = /** @type {{ value: any; trail: Trail }} */ (pending.pop());
    if (isPosition(value)) {
      const { offset, line, column } = value;
      if (!Number.isInteger(offset) || offset < 0 || offset > text.length) {
        errors.push(`${path(trail)}: offset ${offset} outside 0..${text.length}`);
      } else {
        const expected = lineIndex.position(offset);
        if (expected.line !== line || expected.column !== column) {
          errors.push(`${path(trail)}: offset ${offset} is ${expected.line}:${expected.column}, not ${line}:${column}`);
        }
      }
      continue;
    }
    if (isPosition(value.start) && isPosition(value.end) && value.start.offset > value.end.offset) {
      errors.push(`${path(trail)}: span ends (${value.end.offset}) before it starts (${value.start.offset})`);
    }
    for (const key in value) {
      const child = value[key];
      // The source file holds the text itself, not positions in it. Trees share nodes between
      // views (HAProxy's sections and conditional blocks list the same lines): visit each once.
      if (key === "source" || typeof child !== "object" || child === null || seen.has(child)) continue;
      seen.add(child);
      pending.push({ value: child, trail: { key, parent: trail } });
    }
  }
  return errors;
}

/** @typedef {{ key: string; parent?: Trail }} Trail */

/** @param {Trail} trail */
function path(trail) {
  const keys = [];
  for (let step = /** @type {Trail | undefined} */ (trail); step; step = step.parent) keys.push(step.key);
  return keys.reverse().join(".");
}

/**
 * @param {string} printed
 * @param {string} text
 * @returns {string | undefined} where printing the tree differs from the source text
 */
export function roundTripError(printed, text) {
  if (printed === text) return undefined;
  let offset = 0;
  while (offset < printed.length && printed[offset] === text[offset]) offset++;
  const around = (/** @type {string} */ s) => JSON.stringify(s.slice(Math.max(0, offset - 20), offset + 20));
  return `printed text differs from the source at offset ${offset} (lengths ${printed.length} and ${text.length}): ${around(printed)} vs ${around(text)}`;
}
