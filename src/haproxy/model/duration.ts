// HAProxy's time values (`timeout tunnel 1h`), read as parse_time_err() in src/tools.c reads
// them: digits, then at most one unit among us, ms, s, m, h, d; no unit means the keyword's
// default unit, milliseconds for every timeout. The result is rounded up to whole milliseconds
// and must stay below 2^31 ms (about 24.8 days).

export type HaproxyDurationResult =
  | {
      ok: true;
      milliseconds: number;
      /** Text after the unit, which HAProxy 2.x ignores with a warning ("10sx"). */
      ignoredSuffix: string | null;
    }
  | { ok: false; error: string };

const UNIT_MILLISECONDS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

export const MAX_HAPROXY_TIMER_MS = 2 ** 31 - 1;

export function parseHaproxyDuration(text: string): HaproxyDurationResult {
  const match = /^(\d+)(us|ms|[smhd])?/.exec(text);
  if (match === null) return invalid(text, text === "" ? "it is empty" : `unexpected character '${text[0]}'`);
  const [whole, digits, unit] = match as unknown as [string, string, string | undefined];
  const rest = text.slice(whole.length);
  if (unit === undefined && rest !== "") return invalid(text, `unexpected character '${rest[0]}'`);
  const value = Number(digits);
  const milliseconds = unit === "us" ? Math.ceil(value / 1000) : value * UNIT_MILLISECONDS[unit ?? "ms"]!;
  if (milliseconds > MAX_HAPROXY_TIMER_MS) return invalid(text, "timer overflow (maximum value is 2147483647 ms or ~24.8 days)");
  return { ok: true, milliseconds, ignoredSuffix: rest === "" ? null : rest };
}

function invalid(text: string, reason: string): HaproxyDurationResult {
  return { ok: false, error: `"${text}" is not a valid HAProxy time: ${reason}` };
}

/** `3_600_000` -> `1h`, `90_000` -> `90s`, `1500` -> `1500ms`: the largest unit that divides it exactly. */
export function formatHaproxyDuration(milliseconds: number): string {
  if (milliseconds === 0) return "0";
  for (const unit of ["d", "h", "m", "s"]) {
    const size = UNIT_MILLISECONDS[unit]!;
    if (milliseconds % size === 0) return `${milliseconds / size}${unit}`;
  }
  return `${milliseconds}ms`;
}
