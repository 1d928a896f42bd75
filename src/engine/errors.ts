/**
 * A bug in wslint or in one of its rules, not a problem of the linted configuration: the CLI
 * prints it with the rule id and exits 2 instead of pretending the configuration is fine.
 */
export class InternalError extends Error {
  constructor(
    message: string,
    readonly ruleId: string | null = null,
    options?: ErrorOptions,
  ) {
    super(ruleId === null ? message : `rule ${ruleId}: ${message}`, options);
    this.name = "InternalError";
  }
}
