// The shapes the harness hands to tests, shared by the nginx and HAProxy halves.

/** One error a server reported while reading a config, with its location when it gave one. */
export interface ServerError {
  message: string;
  file?: string;
  line?: number;
}

/** What `nginx -t` or `haproxy -c` said about a config. */
export interface ServerCheckResult {
  /** The server accepted the config (warnings allowed). */
  ok: boolean;
  /** The server's complete diagnostic output. */
  stderr: string;
  /** The line of the first error located in the checked file itself. */
  line?: number;
  /** The first error's message, without log prefix and location. */
  message?: string;
  /** Every error the server reported, in its order (nginx stops at the first one). */
  errors: ServerError[];
  /**
   * The absolute path of the checked file, as the server names it in `errors`; for text, the
   * scratch file it was written to (gone after the check).
   */
  file: string;
}

export function checkResult(ok: boolean, stderr: string, errors: ServerError[], checkedFile: string): ServerCheckResult {
  const first = errors[0];
  const firstInFile = errors.find((error) => error.file === checkedFile && error.line !== undefined);
  return { ok, stderr, line: firstInFile?.line, message: first?.message, errors, file: checkedFile };
}

/** A config to check: a file on disk, or its text or raw bytes (written to a scratch file first). */
export type ConfigInput = { file: string } | { text: string | Uint8Array };

/** Renders the config for the port the server was given (`listen 127.0.0.1:${port};`). */
export type ConfigForPort = (port: number) => string;

export interface RunningServer {
  readonly port: number;
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** The server's scratch directory: its prefix, config, pid and log files. */
  readonly dir: string;
  /** The file holding the rendered config text. */
  readonly configFile: string;
  /** What the server logged so far, for assertions and failure messages. */
  log(): string;
  /**
   * Reloads the server, with a new config when one is given, and resolves once the new config
   * serves new connections; rejects with the server's error when it refused the config (the
   * server then keeps running the old one).
   */
  reload(config?: ConfigForPort): Promise<void>;
  /** Stops the server and its workers (also done automatically, see server-process.ts). */
  stop(): Promise<void>;
}

