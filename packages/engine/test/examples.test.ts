// The example graphs in /examples, each run on a virtual clock against its expected output, and
// checked as documents: valid, described, laid out left to right.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validate } from '../src/graph/validate.js';
import { fullCatalog } from '../src/node/index.js';
import { mulberry32 } from '../src/sources/randomWalk.js';
import { runGraph, type RunGraphOptions } from '../src/testing/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const examplesDir = join(root, 'examples');

interface ExampleDoc {
  version: number;
  name: string;
  description: string;
  nodes: Array<{
    id: string;
    type: string;
    params: Record<string, unknown>;
    position: { x: number; y: number };
  }>;
  edges: Array<{ id: string; source: string; target: string; targetPort?: number }>;
}

function load(file: string): ExampleDoc {
  const doc = JSON.parse(readFileSync(join(examplesDir, file), 'utf8')) as ExampleDoc;
  // Paths in examples are relative to the repository root, where `streamloom run` is started.
  for (const node of doc.nodes) {
    if (node.type === 'from_textfile') node.params.path = join(root, String(node.params.path));
  }
  return doc;
}

const files = readdirSync(examplesDir)
  .filter((f) => f.endsWith('.json'))
  .sort();

async function run(file: string, options: RunGraphOptions = {}) {
  const result = await runGraph(load(file), { catalog: fullCatalog, ...options });
  // No example may fail anywhere.
  expect(result.errors).toEqual([]);
  for (const [id, t] of Object.entries(result.frame.nodes))
    expect({ id, errors: t.errors }).toEqual({ id, errors: 0 });
  return result;
}

/** The list a sink_to_list node holds now. */
const listOf = (result: Awaited<ReturnType<typeof run>>, id: string) =>
  (result.run.nodes.get(id) as unknown as { list: unknown[] }).list;

describe('examples', () => {
  it('are at least eight, each a valid graph with a name and a description', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const file of files) {
      const doc = load(file);
      expect({ file, issues: validate(doc, fullCatalog) }).toEqual({ file, issues: [] });
      expect(doc.name.length).toBeGreaterThan(3);
      expect(doc.description.length).toBeGreaterThan(40);
    }
  });

  it('are laid out left to right, without overlapping nodes', () => {
    for (const file of files) {
      const doc = load(file);
      const at = new Map(doc.nodes.map((n) => [n.id, n.position]));
      const seen = new Set<string>();
      for (const n of doc.nodes) {
        const key = `${n.position.x},${n.position.y}`;
        expect({ file, overlap: seen.has(key) }).toEqual({ file, overlap: false });
        seen.add(key);
      }
      // Every edge goes right, except the one edge that closes a feedback loop.
      const backwards = doc.edges.filter((e) => at.get(e.target)!.x <= at.get(e.source)!.x);
      expect({ file, backwards: backwards.length }).toEqual({
        file,
        backwards: file.includes('feedback') ? 1 : 0,
      });
    }
  });

  it('first graph: counter → map → list', async () => {
    const result = await run('01-first-graph.json', { advance: 4_500 });
    expect(result.outputs).toEqual({ results: [0, 10, 20, 30, 40] });
    expect(result.frame.nodes.count).toMatchObject({ out: 5 });
  });

  it('increment and print', async () => {
    const result = await run('02-increment-and-print.json');
    expect(result.log).toEqual(['2', '3', '4']);
  });

  it('running total', async () => {
    const result = await run('03-running-total.json');
    expect(result.outputs).toEqual({ totals: [1, 3, 6, 10, 15] });
  });

  it('distinct count with returnsState', async () => {
    const result = await run('04-distinct-count.json');
    expect(result.outputs).toEqual({ counts: [1, 2, 2, 3, 3, 4] });
  });

  it('sliding-window sum', async () => {
    const result = await run('05-sliding-window-sum.json');
    expect(result.outputs).toEqual({ sums: [6, 9, 12, 15] });
  });

  it('branch and zip back', async () => {
    const result = await run('06-branch-and-zip.json');
    expect(result.outputs).toEqual({
      pairs: [
        [1, 101],
        [4, 102],
        [9, 103],
      ],
    });
  });

  it('Fibonacci feedback loop: two values at once, then one per 500 ms', async () => {
    const result = await run('07-fibonacci-feedback.json', { stop: false });
    expect(listOf(result, 'fibonacci')).toEqual([1, 2]);
    await result.scheduler.advance(499);
    expect(listOf(result, 'fibonacci')).toEqual([1, 2]);
    await result.scheduler.advance(1);
    expect(listOf(result, 'fibonacci')).toEqual([1, 2, 3]);
    await result.scheduler.advance(2_000);
    expect(listOf(result, 'fibonacci')).toEqual([1, 2, 3, 5, 8, 13, 21]);
    result.run.stop();
    expect(result.scheduler.pending).toBe(0);
  });

  it('word count over a text file', async () => {
    const result = await run('08-word-count.json', { advance: 1_000 });
    expect(result.outputs).toEqual({
      latest: [
        [
          ['the', 5],
          ['and', 3],
          ['stream', 3],
          ['flows', 2],
          ['numbers', 2],
        ],
      ],
    });
    const text = readFileSync(join(root, 'examples/text/river.txt'), 'utf8');
    expect(result.frame.nodes.lines!.out).toBe(text.split('\n').length - 1);
    expect(result.frame.nodes.word!.out).toBe(text.toLowerCase().match(/[a-z']+/g)!.length);
  });

  it('random-walk sensor averaged per second by timed_window', async () => {
    const result = await run('09-sensor-average.json', { advance: 3_000 });
    // The same readings computed here: 20, then each one ±0.5 from the last (seed 7), ten a second.
    const random = mulberry32(7);
    const readings = [20];
    while (readings.length < 30)
      readings.push(readings[readings.length - 1]! + 0.5 * (2 * random() - 1));
    const averages = [0, 10, 20].map((i) => {
      const w = readings.slice(i, i + 10);
      return Math.round((w.reduce((a, b) => a + b, 0) / w.length) * 1000) / 1000;
    });
    expect(result.outputs).toEqual({ averages });
    expect(result.frame.nodes.perSecond!.out).toBe(4); // [] at the start, then three full windows
  });
});
