/**
 * Exported TypeScript programs typecheck under the repository's strict settings, importing the
 * engine as a developer would (`@streamloom/engine`, resolved here to the engine's sources).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { exportGraph } from '../../src/export/index.js';
import { fullCatalog } from '../../src/node/index.js';
import { corpus } from './corpus.js';
import { loadExamples } from './examples.js';
import { ENGINE_NODE_SOURCE, ENGINE_SOURCE, batchDir, removeDir } from './runners.js';

const BASE_CONFIG = fileURLToPath(new URL('../../../../tsconfig.base.json', import.meta.url));
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const dir = batchDir('typecheck');
afterAll(() => removeDir(dir));

it('the exported programs of every example and of 40 random graphs typecheck (strict)', () => {
  const graphs = [...loadExamples().map((e) => e.graph), ...corpus(40, 7).map((c) => c.graph)];
  const files = graphs.map((graph, k) => {
    const file = `program${k}.ts`;
    writeFileSync(join(dir, file), exportGraph(graph, 'ts', fullCatalog).code);
    return file;
  });
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      extends: BASE_CONFIG,
      compilerOptions: {
        noEmit: true,
        types: ['node'],
        typeRoots: [fileURLToPath(new URL('../../../../node_modules/@types', import.meta.url))],
        paths: { '@streamloom/engine': [ENGINE_SOURCE], '@streamloom/engine/node': [ENGINE_NODE_SOURCE] },
        allowImportingTsExtensions: true,
      },
      files,
    }),
  );
  const r = spawnSync(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8', cwd: dir });
  expect(r.stdout + r.stderr).toBe('');
  expect(r.status).toBe(0);
}, 120_000);
