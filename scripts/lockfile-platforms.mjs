#!/usr/bin/env node
// The registry this project installs from serves only Linux builds of turbo, so `npm install`
// leaves turbo's other platform packages out of package-lock.json, and `npm ci` then refuses the
// lockfile as out of sync. This adds them back as optional, platform-restricted entries, which npm
// skips on Linux without fetching anything. Run after `npm install` changes the lockfile.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const turbo = lock.packages['node_modules/turbo'];
let added = 0;
for (const [name, version] of Object.entries(turbo?.optionalDependencies ?? {})) {
  const key = `node_modules/${name}`;
  if (lock.packages[key]) continue;
  const [, platform, arch] = /^@turbo\/(darwin|windows|linux)-(64|arm64)$/.exec(name) ?? [];
  if (!platform) continue;
  lock.packages[key] = {
    version,
    cpu: [arch === '64' ? 'x64' : 'arm64'],
    dev: true,
    license: 'MIT',
    optional: true,
    os: [platform === 'windows' ? 'win32' : platform],
  };
  added++;
}
const sorted = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
lock.packages = sorted;
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`lockfile: added ${added} platform entries`);
