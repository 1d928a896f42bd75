/**
 * A mistake in what the user typed (URL, duration, header syntax). The CLI prints the message
 * alone and exits with 2; it never reaches a probe.
 */
export class ProbeUsageError extends Error {
  override readonly name = "ProbeUsageError";
}
