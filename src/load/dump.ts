// `nginx -T` prints every configuration file it read, each after a line
// `# configuration file /etc/nginx/nginx.conf:` and followed by one extra newline. With stderr
// redirected too, nginx's "syntax is ok" / "test is successful" lines (all starting "nginx: ")
// come first. Each section becomes a SourceFile of its own, so positions are the original lines.
import type { SourceFile } from "../syntax/source.js";

const SECTION_HEADER = /^# configuration file (.+):\r?$/;

/** A dump is text whose first line that is neither blank nor an `nginx: ` message is a section header. */
export function isNginxDump(text: string): boolean {
  for (const line of lines(text)) {
    if (line.text.trim() === "" || line.text.startsWith("nginx: ")) continue;
    return SECTION_HEADER.test(line.text);
  }
  return false;
}

/** The dumped files in the order nginx printed them; the first is the main configuration file. */
export function splitNginxDump(dump: SourceFile): SourceFile[] {
  const sections: SourceFile[] = [];
  let current: { path: string; start: number } | null = null;
  const close = (end: number) => {
    if (current === null) return;
    let text = dump.text.slice(current.start, end);
    // nginx writes one newline after each file's content: it is not part of the file.
    if (text.endsWith("\n")) text = text.slice(0, -1);
    sections.push({ path: current.path, text, bom: false, encoding: dump.encoding });
  };
  for (const line of lines(dump.text)) {
    const header = SECTION_HEADER.exec(line.text);
    if (header === null) continue;
    close(line.start);
    current = { path: header[1]!, start: line.next };
  }
  close(dump.text.length);
  return sections;
}

function* lines(text: string): Generator<{ text: string; start: number; next: number }> {
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline;
    const next = newline === -1 ? text.length : newline + 1;
    yield { text: text.slice(start, end), start, next };
    start = next;
  }
}
