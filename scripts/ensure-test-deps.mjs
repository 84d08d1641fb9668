#!/usr/bin/env node
// Installs the Debian packages the tests need when they are missing (as root, with apt-get), or
// stops with the exact command to run. Never skips silently.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Each requirement: how to tell it is present, and the Debian package that provides it. */
const requirements = [
  {
    what: "the Python library streamz (reference for the engine's differential tests)",
    present: () =>
      spawnSync('/usr/bin/python3', ['-c', 'import streamz'], { stdio: 'ignore' }).status === 0,
    packages: ['python3-streamz'],
  },
  {
    what: 'Chromium (browser tests)',
    present: () => existsSync('/usr/bin/chromium'),
    packages: ['chromium'],
  },
];

const missing = requirements.filter((r) => !r.present());
if (missing.length === 0) process.exit(0);

const packages = missing.flatMap((r) => r.packages);
const command = `apt-get update && apt-get install -y ${packages.join(' ')}`;
for (const r of missing) console.log(`test setup: missing ${r.what}`);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error(`test setup: run this as root, then npm test again:\n  sudo sh -c '${command}'`);
  process.exit(1);
}
console.log(`test setup: ${command}`);
try {
  execFileSync('sh', ['-c', command], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
} catch {
  console.error(`test setup: the install failed; run it by hand:\n  ${command}`);
  process.exit(1);
}
const still = missing.filter((r) => !r.present());
if (still.length > 0) {
  console.error(`test setup: still missing after install: ${still.map((r) => r.what).join(', ')}`);
  process.exit(1);
}
