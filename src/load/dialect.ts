// Which parser reads a file: --dialect if given, else the file name, else a look at the content.
import { basename } from "node:path";

export type Dialect = "nginx" | "haproxy";

export const DIALECTS: readonly Dialect[] = ["nginx", "haproxy"];

/**
 * By name: a name starting with `haproxy` or `nginx` says so whatever its extension (so
 * `haproxy.conf` is HAProxy); otherwise `*.cfg` is HAProxy and `*.conf` is nginx.
 */
export function dialectFromFileName(path: string): Dialect | null {
  const name = basename(path).toLowerCase();
  if (name.startsWith("haproxy")) return "haproxy";
  if (name.startsWith("nginx")) return "nginx";
  if (name.endsWith(".cfg")) return "haproxy";
  if (name.endsWith(".conf")) return "nginx";
  return null;
}

// HAProxy sections start with a keyword at the start of a line and have no braces or semicolons;
// nginx's `listen 80;` ends with a semicolon, HAProxy's `listen NAME [ADDRESS]` does not.
const haproxySignals = [
  /^\s*(?:global|defaults)(?:\s+[^\s;{]+)?\s*(?:#.*)?$/,
  /^\s*(?:frontend|backend|listen)\s+[^\s;{]+(?:\s+[^;{]*)?(?:#.*)?$/,
];
const nginxSignals = [
  /^\s*(?:http|events|stream|server|upstream|location|map|types|if)\b[^;#]*\{/,
  /^\s*location\s/,
];

/** Counts lines that look like one dialect or the other; null when neither clearly wins. */
export function dialectFromContent(text: string): Dialect | null {
  let haproxy = 0;
  let nginx = 0;
  for (const line of text.split("\n")) {
    if (haproxySignals.some((signal) => signal.test(line))) haproxy++;
    else if (nginxSignals.some((signal) => signal.test(line))) nginx++;
  }
  if (haproxy > nginx) return "haproxy";
  if (nginx > haproxy) return "nginx";
  return null;
}
