import type { Command } from "commander";
import type { ProbeCliOptions, ProbeCliOutput } from "./run-probe-cli.js";

/** What the CLI gives every command: where to write, and where to report the exit code. */
export interface ProbeCommandContext {
  output: ProbeCliOutput;
  setExitCode(code: number): void;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/**
 * Adds `wslint probe URL...` to the program. Only commander is loaded here; the probe itself is
 * imported when the command runs.
 */
export function registerProbeCommand(program: Command, context: ProbeCommandContext): Command {
  return program
    .command("probe")
    .description("open a WebSocket connection like a browser does and check every step of the RFC 6455 handshake")
    .argument("<url...>", "ws://, wss://, http:// or https:// URLs (http(s) is treated as ws(s))")
    .option("-H, --header <header>", 'extra request header "Name: value" (repeatable)', collect)
    .option("--origin <origin>", "send this Origin, as the browser page would")
    .option("--subprotocol <name>", "offer this subprotocol (repeatable)", collect)
    .option("--timeout <duration>", "handshake timeout, also the wait for the --send reply", "10s")
    .option("--insecure", "do not verify the server's TLS certificate")
    .option("--ca <file>", "trust the CA certificate(s) in this PEM file")
    .option("--servername <name>", "TLS server name (SNI) and certificate name, instead of the URL's host")
    .option(
      "--resolve <host:port:addr>",
      "connect to ADDR (or ADDR,ADDR...) for HOST:PORT, keeping HOST for Host, SNI and the certificate (repeatable)",
      collect,
    )
    .option("--send <text>", "send one text message after the handshake and wait for a reply")
    .option("--expect <regex>", "the reply (or the server's first message) must match this")
    .option("--hold <duration>", "keep the connection open and idle this long (75s, 2m) and report whether it is closed")
    .option("--ping <interval>", "while holding, send a ping this often and check the pongs")
    .option("--format <format>", "text or json", "text")
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        "  wslint probe wss://chat.example.com/ws/",
        "  wslint probe --hold 75s wss://chat.example.com/ws/          # survives a 60 s idle timeout?",
        "  wslint probe --hold 75s --ping 20s wss://chat.example.com/ws/",
        "  wslint probe --resolve chat.example.com:443:203.0.113.7 wss://chat.example.com/ws/",
        "  wslint probe --send ping --expect pong ws://localhost:8080/ws/",
        "",
        "Durations: 500ms, 75s, 2m, or a number of seconds.",
        "Exit codes: 0 every check passed, 1 a check failed, 2 usage error.",
      ].join("\n"),
    )
    .action(async (urls: string[], options: ProbeCliOptions) => {
      const { runProbeCli } = await import("./run-probe-cli.js");
      context.setExitCode(await runProbeCli(urls, options, context.output));
    });
}
