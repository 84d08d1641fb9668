import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Runs are forked from the built host (dist/runs/host.js): build the server once before the tests. */
export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const tsc = fileURLToPath(new URL('../../../node_modules/typescript/bin/tsc', import.meta.url));
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
}
