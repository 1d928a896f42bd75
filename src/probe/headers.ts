import { ProbeUsageError } from "./errors.js";

export interface HeaderField {
  name: string;
  value: string;
}

// RFC 9110 token characters: what a header name may contain.
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Reads one `-H "Name: value"` option. */
export function parseHeaderOption(text: string): HeaderField {
  const colon = text.indexOf(":");
  const name = colon < 0 ? "" : text.slice(0, colon).trim();
  if (!HEADER_NAME.test(name)) {
    throw new ProbeUsageError(`--header: expected "Name: value", got "${redactHeaderOptionText(text)}"`);
  }
  const value = text.slice(colon + 1).trim();
  if (/[\r\n\0]/.test(value)) throw new ProbeUsageError(`--header ${name}: the value may not contain line breaks`);
  return { name, value };
}

const CREDENTIAL_HEADERS = new Set(["authorization", "proxy-authorization", "cookie", "set-cookie"]);

export const REDACTED = "[redacted]";

function isCredentialHeader(name: string): boolean {
  return CREDENTIAL_HEADERS.has(name.toLowerCase());
}

/** Every header that leaves the probe (result, text, JSON) goes through here first. */
export function redactHeaders(fields: readonly HeaderField[]): HeaderField[] {
  return fields.map((field) => (isCredentialHeader(field.name) ? { name: field.name, value: REDACTED } : field));
}

/** A malformed `-H` option may still hold a secret (`-H "Authorization Bearer x"`): show its first word only. */
function redactHeaderOptionText(text: string): string {
  const firstWord = text.trim().split(/[\s:]/, 1)[0] ?? "";
  return text.trim() === firstWord ? text : `${firstWord} …`;
}

export function findHeader(fields: readonly HeaderField[], name: string): string | undefined {
  const lowerName = name.toLowerCase();
  return fields.find((field) => field.name.toLowerCase() === lowerName)?.value;
}

/** All values of a header that may repeat, joined as one comma list (RFC 9110 section 5.3). */
export function joinedHeader(fields: readonly HeaderField[], name: string): string | undefined {
  const lowerName = name.toLowerCase();
  const values = fields.filter((field) => field.name.toLowerCase() === lowerName).map((field) => field.value);
  return values.length === 0 ? undefined : values.join(", ");
}

/** Splits a comma-separated header value into its items, dropping parameters (`; client_max_window_bits`). */
export function headerListItems(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(",")
    .map((item) => item.split(";", 1)[0]!.trim())
    .filter((item) => item !== "");
}
