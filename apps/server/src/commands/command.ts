/** One subcommand of `streamloom`. Add a file under commands/ and one line in cli.ts. */
export interface Command {
  name: string;
  /** One line for `streamloom --help`. */
  summary: string;
  /** The usage text for `streamloom <name> --help`. */
  usage: string;
  /** Runs with the arguments after the subcommand's name; resolves with the exit code. */
  run(args: string[]): Promise<number>;
}

/** Parses a duration such as `500ms`, `10s`, `2m` or a bare number of seconds, in ms. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (m === null) return undefined;
  const n = Number(m[1]);
  const unit = m[2] ?? 's';
  return Math.round(n * ({ ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const)[unit as 'ms' | 's' | 'm' | 'h']);
}
