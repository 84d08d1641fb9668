import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The access token: `STREAMLOOM_TOKEN` when set, else the one kept in the data directory, else a
 * new one written there (readable by its owner only).
 */
export function loadToken(dataDir: string, fromEnv: string | undefined): { token: string; generated: boolean } {
  if (fromEnv !== undefined && fromEnv !== '') return { token: fromEnv, generated: false };
  const file = join(dataDir, 'token');
  try {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept !== '') return { token: kept, generated: false };
  } catch {
    // none yet
  }
  mkdirSync(dataDir, { recursive: true });
  const token = randomBytes(24).toString('hex');
  writeFileSync(file, token + '\n', { mode: 0o600 });
  return { token, generated: true };
}

/** Compares a presented token with the expected one in constant time. */
export function tokenMatches(expected: string, presented: unknown): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}
