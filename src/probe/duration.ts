import { ProbeUsageError } from "./errors.js";

const MILLISECONDS_PER_UNIT: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses `500ms`, `75s`, `2m`, `1h` or a bare number of seconds (`1.5`) into milliseconds. */
export function parseDuration(text: string, optionName: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
  if (!match) {
    throw new ProbeUsageError(
      `${optionName}: "${text}" is not a duration (examples: 500ms, 75s, 2m, or a number of seconds)`,
    );
  }
  const milliseconds = Number(match[1]) * MILLISECONDS_PER_UNIT[match[2] ?? "s"]!;
  if (milliseconds <= 0) throw new ProbeUsageError(`${optionName}: the duration must be greater than zero`);
  return Math.round(milliseconds);
}

/** `2000` -> `2.00 s`, `35` -> `35 ms`: milliseconds below one second, seconds above. */
export function formatMilliseconds(milliseconds: number): string {
  return milliseconds < 1000 ? `${Math.round(milliseconds)} ms` : `${(milliseconds / 1000).toFixed(2)} s`;
}
