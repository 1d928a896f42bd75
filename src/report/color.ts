// Terminal colours without a dependency: SGR escape codes, on when the user or the terminal wants.

export interface ColorEnvironment {
  /** --color (true) or --no-color (false); undefined when neither was given. */
  flag?: boolean;
  env: Readonly<Record<string, string | undefined>>;
  isTTY: boolean;
}

/** --color/--no-color first, then FORCE_COLOR (as Node does, it wins over NO_COLOR), then NO_COLOR, then the terminal. */
export function colorEnabled({ flag, env, isTTY }: ColorEnvironment): boolean {
  if (flag !== undefined) return flag;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force !== "false";
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return isTTY && env.TERM !== "dumb";
}

export interface Paint {
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
  underline(text: string): string;
}

function style(open: number, close: number, enabled: boolean): (text: string) => string {
  return enabled ? (text) => `\u001b[${open}m${text}\u001b[${close}m` : (text) => text;
}

export function paint(enabled: boolean): Paint {
  return {
    red: style(31, 39, enabled),
    yellow: style(33, 39, enabled),
    green: style(32, 39, enabled),
    cyan: style(36, 39, enabled),
    bold: style(1, 22, enabled),
    dim: style(2, 22, enabled),
    underline: style(4, 24, enabled),
  };
}
