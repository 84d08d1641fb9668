import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { Stream } from '../core/stream.js';
import { fullCatalog, nodeDescriptors } from '../node/catalog.js';
import { fullByType } from '../node/index.js';
import { catalog } from './catalog.js';
import { paramIssues, nodeParamIssues } from '../graph/params.js';
import { byType, catalogData, defineCatalog, descriptorData, withDefaults } from './index.js';
import { testHost, buildNode } from './testHost.js';
import { exportContext } from './exportHarness.js';
import { CATEGORIES } from './types.js';
import type { OperatorDescriptor } from './types.js';

/** Parameters that make every descriptor buildable: its required ones, filled in. */
const tmp = mkdtempSync(join(tmpdir(), 'streamloom-catalog-'));
const existing = join(tmp, 'in.txt');
writeFileSync(existing, 'a\n');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const REQUIRED_SAMPLES: Record<string, Record<string, unknown>> = {
  map: { func: 'x => x' },
  starmap: { func: '(a, b) => a + b' },
  pluck: { pick: 0 },
  filter: {},
  remove: { predicate: 'x => !x' },
  accumulate: { func: '(a, x) => a + x' },
  sliding_window: { n: 2 },
  partition: { n: 2 },
  partition_unique: { n: 2 },
  timed_window: { interval: 100 },
  buffer: { n: 2 },
  delay: { interval: 100 },
  rate_limit: { interval: 100 },
  sink: { func: 'x => undefined' },
  from_iterable: { items: [1, 2, 3] },
  from_periodic: { callback: '() => 1' },
  sink_to_textfile: { path: join(tmp, 'out.txt') },
  from_textfile: { path: existing },
  filenames: { path: tmp },
  from_tcp: { port: 0 },
  from_http_server: { port: 0 },
  from_process: { cmd: 'true' },
};

/** The checks every catalog (browser-safe or full) must pass. */
function catalogContract(name: string, list: readonly OperatorDescriptor[], build = true): void {
  describe(`${name}: descriptor contract`, () => {
    it('has unique type ids in streamz style (snake_case)', () => {
      const ids = list.map((d) => d.type);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9_]*$/);
    });

    it.each(list.map((d) => [d.type, d] as const))('%s: well-formed', (_type, d) => {
      expect(d.label.length).toBeGreaterThan(0);
      expect(CATEGORIES).toContain(d.category);
      expect(d.doc.length).toBeGreaterThan(60);
      expect(d.example.length).toBeGreaterThan(0);
      // Sources take no input and sinks emit nothing.
      if (d.category === 'source') {
        expect(d.inputs).toEqual({ min: 0, max: 0 });
        expect(d.source).toBe(true);
      } else {
        expect(d.inputs.min).toBeGreaterThanOrEqual(1);
      }
      expect(d.outputs).toBe(d.category === 'sink' ? 0 : 1);
      if (d.inputs.max !== null) expect(d.inputs.max).toBeGreaterThanOrEqual(d.inputs.min);
      if (d.inputs.labels) expect(d.inputs.labels.length).toBeLessThanOrEqual(d.inputs.max ?? Infinity);
      const names = d.params.map((p) => p.name);
      expect(new Set(names).size).toBe(names.length);
      if (d.keyParam !== undefined) expect(names).toContain(d.keyParam);
      for (const key of ['fileRead', 'fileWrite'] as const) {
        const param = d.needs?.[key];
        if (param !== undefined) expect(names).toContain(param);
      }
      for (const p of d.params) {
        expect(p.name).toMatch(/^[a-z][a-zA-Z0-9]*$/);
        expect(p.label.length).toBeGreaterThan(0);
        expect(p.doc.length).toBeGreaterThan(0);
        if (p.kind === 'enum') expect(p.options?.length).toBeGreaterThan(0);
        if (p.required) expect(p.default).toBeUndefined();
      }
    });

    it.each(list.map((d) => [d.type, d] as const))('%s: defaults and placeholders pass its own rules', (type, d) => {
      const ctx = { nodeId: 'n1', type };
      for (const p of d.params) {
        if (p.default !== undefined) expect(paramIssues(ctx, p, p.default), `${type}.${p.name} default`).toEqual([]);
        if (p.placeholder !== undefined) {
          // A placeholder is shown as typed: function source or text as is, other kinds as JSON.
          const value = p.kind === 'function' || p.kind === 'string' ? p.placeholder : JSON.parse(p.placeholder);
          expect(paramIssues(ctx, p, value), `${type}.${p.name} placeholder`).toEqual([]);
        }
      }
      // The parameters the tests build it with are valid, defaults included.
      const params = REQUIRED_SAMPLES[type] ?? {};
      expect(nodeParamIssues(ctx, descriptorData(d), withDefaults(d, params))).toEqual([]);
      // Required parameters are reported when missing.
      const missing = nodeParamIssues(ctx, descriptorData(d), {});
      expect(missing.map((i) => i.param).sort()).toEqual(d.params.filter((p) => p.required).map((p) => p.name).sort());
    });

    it('serialises to JSON and back unchanged, without functions', () => {
      const data = catalogData(list);
      const text = JSON.stringify(data);
      expect(JSON.parse(text)).toEqual(data);
      expect(text).not.toMatch(/"build"|"toTypeScript"|"toPython"/);
      for (const d of data) expect(Object.values(d).some((v) => typeof v === 'function')).toBe(false);
      expect(data.map((d) => d.type)).toEqual(list.map((d) => d.type));
    });

    if (build) {
      it.each(list.map((d) => [d.type, d] as const))('%s: builds a detached node on the host scheduler', (type, d) => {
        const host = testHost();
        const node = buildNode(d, REQUIRED_SAMPLES[type] ?? {}, host);
        expect(node).toBeInstanceOf(Stream);
        expect(node.upstreams).toEqual([]);
        expect(node.downstreams).toEqual([]);
        expect(node.scheduler).toBe(host.scheduler);
        node.destroy();
      });

      it.each(list.map((d) => [d.type, d] as const))('%s: exports to both languages', (type, d) => {
        const inputs = Array.from({ length: Math.max(d.inputs.min, 0) }, (_, i) => `s${i}`);
        const params = REQUIRED_SAMPLES[type] ?? {};
        const ts = d.toTypeScript(exportContext(d, params, inputs, 'ts'));
        const py = d.toPython(exportContext(d, params, inputs, 'py', { func: 'f', predicate: 'f', callback: 'f' }));
        for (const code of [ts, py]) {
          expect(code.length).toBeGreaterThan(0);
          for (const name of inputs) expect(code).toContain(name);
        }
      });

      it('exports parse as TypeScript and as Python', () => {
        const python: string[] = [];
        for (const d of list) {
          const inputs = Array.from({ length: Math.max(d.inputs.min, 0) }, (_, i) => `s${i}`);
          const params = REQUIRED_SAMPLES[d.type] ?? {};
          const code = d.toTypeScript(exportContext(d, params, inputs, 'ts'));
          const out = ts.transpileModule(`const node = ${code};`, { reportDiagnostics: true });
          expect(out.diagnostics?.map((x) => x.messageText), `${d.type}: ${code}`).toEqual([]);
          python.push(d.toPython(exportContext(d, params, inputs, 'py', { func: 'f', predicate: 'f', callback: 'f' })));
        }
        const check = 'import ast, json, sys\nfor i, e in enumerate(json.load(sys.stdin)):\n    ast.parse(e, mode="eval")\nprint("ok")';
        expect(execFileSync('/usr/bin/python3', ['-c', check], { input: JSON.stringify(python), encoding: 'utf8' })).toBe('ok\n');
      });
    }
  });
}

catalogContract('full catalog', fullCatalog);

describe('full catalog', () => {
  it('is the browser-safe catalog plus the Node-only descriptors, in palette order', () => {
    expect(fullCatalog.map((d) => d.type).sort()).toEqual(
      [...catalog, ...nodeDescriptors].map((d) => d.type).sort(),
    );
    expect(nodeDescriptors.map((d) => d.type)).toEqual([
      'from_textfile', 'filenames', 'from_tcp', 'from_http_server', 'from_process', 'sink_to_textfile',
    ]);
    const order = fullCatalog.map((d) => CATEGORIES.indexOf(d.category));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(fullByType.get('from_tcp')?.needs).toEqual({ network: true });
    expect(fullByType.get('from_textfile')?.needs).toEqual({ fileRead: 'path' });
    expect(fullByType.get('sink_to_textfile')?.needs).toEqual({ fileWrite: 'path' });
    expect(fullByType.get('from_process')?.needs).toEqual({ childProcess: true });
    expect(fullByType.get('map')).toBe(byType.get('map'));
  });

  it('declares what the Node-only ones need from the host, and nothing for the others', () => {
    for (const d of catalog) expect(d.needs, d.type).toBeUndefined();
    for (const d of nodeDescriptors) expect(d.needs, d.type).toBeDefined();
  });
});

describe('browser-safe catalog', () => {
  it('imports no Node API and nothing from src/node, however deep', () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const builtins = new Set(builtinModules);
    const seen = new Set<string>();
    const bad: string[] = [];
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:import|export)\s[^'";]*?from\s+'([^']+)'|import\s+'([^']+)'/g)) {
        const spec = (m[1] ?? m[2])!;
        if (spec.startsWith('.')) {
          const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
          if (target.includes(`${join('src', 'node')}/`)) bad.push(`${file} → ${spec}`);
          visit(target);
        } else if (spec.startsWith('node:') || builtins.has(spec)) {
          bad.push(`${file} → ${spec}`);
        }
      }
    };
    visit(join(here, 'index.ts'));
    expect(seen.size).toBeGreaterThan(40);
    expect(bad).toEqual([]);
  });

});

describe('catalog', () => {
  it('covers every operator of the engine, every browser-safe source and sink', () => {
    expect(catalog.map((d) => d.type).sort()).toEqual(
      [
        'accumulate', 'buffer', 'collect', 'combine_latest', 'counter', 'delay', 'filter', 'flatten',
        'frequencies', 'from_iterable', 'from_periodic', 'latest', 'log', 'map', 'partition',
        'partition_unique', 'pluck', 'random_walk', 'rate_limit', 'remove', 'sink', 'sink_to_list',
        'slice', 'sliding_window', 'starmap', 'timed_window', 'union', 'unique', 'zip', 'zip_latest',
      ].sort(),
    );
  });

  it('is listed in palette order: categories in CATEGORIES order', () => {
    const order = catalog.map((d) => CATEGORIES.indexOf(d.category));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('looks descriptors up by type', () => {
    expect(byType.get('sliding_window')?.label).toBe('Sliding window');
    expect(byType.get('scan')).toBeUndefined();
    expect(byType.size).toBe(catalog.length);
  });

  it('fails on a duplicate type id', () => {
    const map = byType.get('map')!;
    expect(() => defineCatalog([map, { ...map, label: 'Other' }])).toThrow(/duplicate operator type 'map'/);
  });

  it('fills in defaults and keeps explicit values, null included', () => {
    const d = byType.get('unique')!;
    expect(withDefaults(d, {})).toEqual({ maxsize: null, key: null, hashable: true });
    expect(withDefaults(d, { maxsize: 3, hashable: false })).toEqual({ maxsize: 3, key: null, hashable: false });
    // An absent optional parameter without a default stays absent (accumulate's start).
    expect(withDefaults(byType.get('accumulate')!, { func: 'f' })).not.toHaveProperty('start');
    expect(withDefaults(byType.get('accumulate')!, { func: 'f', start: null })).toHaveProperty('start', null);
  });
});
