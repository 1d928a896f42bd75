// A unified diff of two texts for --fix-dry-run, on lines, with Myers' O(ND) algorithm.

type LineOperation = { kind: " " | "-" | "+"; line: string };

/** Lines with their terminators, so that a changed line ending is a changed line. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** The shortest edit script turning `before` into `after` (Myers 1986, greedy forward search). */
function diffLines(before: readonly string[], after: readonly string[]): LineOperation[] {
  const n = before.length;
  const m = after.length;
  const offset = n + m + 1;
  // furthest[k + offset]: the furthest x reached on diagonal k (k = x - y).
  let furthest: Int32Array = new Int32Array(2 * offset + 1);
  const history: Int32Array[] = [];
  const cameFromAbove = (v: Int32Array, d: number, k: number) =>
    k === -d || (k !== d && v[k - 1 + offset]! < v[k + 1 + offset]!);

  search: for (let d = 0; d <= n + m; d++) {
    history.push(furthest.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = cameFromAbove(furthest, d, k) ? furthest[k + 1 + offset]! : furthest[k - 1 + offset]! + 1;
      let y = x - k;
      while (x < n && y < m && before[x] === after[y]) {
        x++;
        y++;
      }
      furthest[k + offset] = x;
      if (x >= n && y >= m) break search;
    }
  }

  const reversed: LineOperation[] = [];
  let x = n;
  let y = m;
  for (let d = history.length - 1; d > 0; d--) {
    furthest = history[d]!;
    const k = x - y;
    const previousK = cameFromAbove(furthest, d, k) ? k + 1 : k - 1;
    const previousX = furthest[previousK + offset]!;
    const previousY = previousX - previousK;
    for (; x > previousX && y > previousY; x--, y--) reversed.push({ kind: " ", line: before[x - 1]! });
    if (x === previousX) reversed.push({ kind: "+", line: after[--y]! });
    else reversed.push({ kind: "-", line: before[--x]! });
  }
  for (; x > 0 && y > 0; x--, y--) reversed.push({ kind: " ", line: before[x - 1]! });
  return reversed.reverse();
}

const CONTEXT_LINES = 3;

function hunkRange(start: number, count: number): string {
  // An empty side names the line before the hunk, as diff(1) does.
  return count === 0 ? `${start - 1},0` : count === 1 ? `${start}` : `${start},${count}`;
}

function printLine(operation: LineOperation): string {
  const body = operation.line.endsWith("\n") ? operation.line.slice(0, -1) : operation.line;
  const missingNewline = operation.line.endsWith("\n") ? "" : "\n\\ No newline at end of file";
  return `${operation.kind}${body}${missingNewline}\n`;
}

/** A unified diff (`--- a/x`, `+++ b/x`, `@@` hunks with 3 lines of context); "" when equal. */
export function unifiedDiff(beforeLabel: string, afterLabel: string, before: string, after: string): string {
  if (before === after) return "";
  const operations = diffLines(splitLines(before), splitLines(after));
  const changed = operations.flatMap((operation, index) => (operation.kind === " " ? [] : [index]));
  let output = `--- ${beforeLabel}\n+++ ${afterLabel}\n`;
  let next = 0;
  while (next < changed.length) {
    // A hunk: changes closer than twice the context share one.
    let last = next;
    while (last + 1 < changed.length && changed[last + 1]! - changed[last]! <= 2 * CONTEXT_LINES) last++;
    const from = Math.max(0, changed[next]! - CONTEXT_LINES);
    const to = Math.min(operations.length, changed[last]! + CONTEXT_LINES + 1);
    const preceding = operations.slice(0, from);
    const beforeStart = preceding.filter((operation) => operation.kind !== "+").length + 1;
    const afterStart = preceding.filter((operation) => operation.kind !== "-").length + 1;
    const hunk = operations.slice(from, to);
    const beforeCount = hunk.filter((operation) => operation.kind !== "+").length;
    const afterCount = hunk.filter((operation) => operation.kind !== "-").length;
    output += `@@ -${hunkRange(beforeStart, beforeCount)} +${hunkRange(afterStart, afterCount)} @@\n`;
    output += hunk.map(printLine).join("");
    next = last + 1;
  }
  return output;
}
