// nginx's time values (`proxy_read_timeout 1h30m`, `keepalive_timeout 75`), read the way nginx
// reads them (ngx_parse_time in src/core/ngx_parse.c): units in decreasing order, each at most
// once, optional spaces between them, and a bare number at the end counted in seconds.

export type DurationResult =
  | { ok: true; milliseconds: number }
  | { ok: false; error: string };

/**
 * `milliseconds` is for directives nginx stores in milliseconds (every timeout): they accept `ms`
 * but not `M` (months) or `y` (years). `seconds` is for those stored in seconds (`expires`,
 * `ssl_session_timeout`): they accept `M` and `y` but not `ms`.
 */
export type DurationPrecision = "milliseconds" | "seconds";

const UNIT_SECONDS: Record<string, number> = {
  y: 365 * 24 * 3600,
  M: 30 * 24 * 3600,
  w: 7 * 24 * 3600,
  d: 24 * 3600,
  h: 3600,
  m: 60,
  s: 1,
};

/** The order units must come in; a bare trailing number ranks after seconds. */
const UNIT_RANK: Record<string, number> = { y: 1, M: 2, w: 3, d: 4, h: 5, m: 6, s: 7, ms: 8 };
const BARE_NUMBER_RANK = 9;

const UNIT_PATTERN = /^(\d+)(ms|[yMwdhms])?( *)/;

/** Parses an nginx time value into milliseconds. */
export function parseNginxDuration(
  text: string,
  precision: DurationPrecision = "milliseconds",
): DurationResult {
  if (!/\d/.test(text)) return invalid(text, "it has no number");
  let rest = text;
  let rank = 0;
  let total = 0;
  while (rest.length > 0) {
    const match = UNIT_PATTERN.exec(rest);
    if (match === null) return invalid(text, `unexpected "${rest[0]}"`);
    const [whole, digits, unit, spaces] = match as unknown as [string, string, string | undefined, string];
    if (unit === undefined && spaces === "" && whole.length < rest.length) {
      return invalid(text, `unexpected "${rest[whole.length]}"`);
    }
    const unitRank = unit === undefined ? BARE_NUMBER_RANK : UNIT_RANK[unit]!;
    if (unit === "ms" && precision === "seconds") return invalid(text, '"ms" is not allowed here');
    if ((unit === "y" || unit === "M") && precision === "milliseconds") {
      return invalid(text, `"${unit}" is too long for a value kept in milliseconds`);
    }
    if (unitRank <= rank) {
      return invalid(text, unit === undefined ? "a bare number must come last" : `"${unit}" is out of order or repeated`);
    }
    rank = unitRank;
    const value = Number(digits);
    total += unit === "ms" ? value : value * (unit === undefined ? 1 : UNIT_SECONDS[unit]!) * 1000;
    if (!Number.isSafeInteger(total)) return invalid(text, "it is too large");
    rest = rest.slice(whole.length);
  }
  return { ok: true, milliseconds: total };
}

function invalid(text: string, reason: string): DurationResult {
  return { ok: false, error: `"${text}" is not a valid nginx time: ${reason}` };
}

/** `90000` -> `1m30s`, `500` -> `500ms`: the shortest nginx spelling of a duration. */
export function formatNginxDuration(milliseconds: number): string {
  if (milliseconds === 0) return "0s";
  let rest = milliseconds;
  let text = "";
  for (const unit of ["d", "h", "m", "s"]) {
    const size = UNIT_SECONDS[unit]! * 1000;
    if (rest >= size) {
      text += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return rest > 0 ? `${text}${rest}ms` : text;
}
