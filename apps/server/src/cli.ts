#!/usr/bin/env node
// `streamloom <command>`: the server, and graphs run headless.
import type { Command } from './commands/command.js';
import { exportCommand } from './commands/export.js';
import { runCommand } from './commands/run.js';
import { serveCommand } from './commands/serve.js';

/** Every subcommand, in the order `--help` lists them. */
const COMMANDS: readonly Command[] = [serveCommand, runCommand, exportCommand];

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'usage: streamloom <command> [options]',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'streamloom <command> --help shows a command’s options.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    console.error(`streamloom: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    console.log(`usage: ${command.usage}`);
    return 0;
  }
  try {
    return await command.run(args);
  } catch (error) {
    console.error(`streamloom ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Headless runs may leave timers of finished sources behind; do not wait for them.
    if (process.argv[2] === 'run') setImmediate(() => process.exit(code));
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
