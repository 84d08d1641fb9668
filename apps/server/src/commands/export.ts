import { readFileSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { EXPORT_FORMATS, GraphExportError, exportGraph, type ExportFormat } from '@streamloom/engine/export';
import { fullCatalog } from '../engine.js';
import { errorText } from '../runs/runtime.js';
import type { Command } from './command.js';

const BY_EXTENSION: Record<string, ExportFormat> = { '.ts': 'ts', '.py': 'py', '.json': 'json' };

export const exportCommand: Command = {
  name: 'export',
  summary: 'write a graph as a TypeScript program, a Python (streamz) program, or formatted JSON',
  usage: `streamloom export <graph.json> [--format ts|py|json] [--out <file>] [--revision <n>]

  --format      ts: a program on @streamloom/engine (run it with npx tsx);
                py: a program on streamz (python3); json: the graph, laid out for diffs.
                Without it, taken from --out's extension.
  --out         write to this file instead of stdout
  --revision    the revision to name in the program's header

The graph file may be of any version (it is migrated). What the export could not carry over
exactly (a JavaScript function not translated to Python) is listed on stderr, one line per node;
the program is written all the same. A graph that does not validate prints its issues and exits 2.`,
  async run(args) {
    let values: { format?: string; out?: string; revision?: string };
    let positionals: string[];
    try {
      ({ values, positionals } = parseArgs({
        args,
        options: { format: { type: 'string', short: 'f' }, out: { type: 'string', short: 'o' }, revision: { type: 'string' } },
        allowPositionals: true,
        strict: true,
      }));
    } catch (error) {
      process.stderr.write(`streamloom export: ${errorText(error)}\n\nusage: ${this.usage}\n`);
      return 2;
    }
    if (positionals.length !== 1) {
      process.stderr.write(`usage: ${this.usage}\n`);
      return 2;
    }
    const format = (values.format ?? (values.out !== undefined ? BY_EXTENSION[extname(values.out)] : undefined)) as ExportFormat | undefined;
    if (format === undefined || !EXPORT_FORMATS.includes(format)) {
      process.stderr.write(
        `streamloom export: --format must be one of ${EXPORT_FORMATS.join(', ')}${values.format === undefined ? ' (or give --out a .ts, .py or .json file)' : `, got "${values.format}"`}\n`,
      );
      return 2;
    }
    let revision: number | undefined;
    if (values.revision !== undefined) {
      revision = Number(values.revision);
      if (!Number.isInteger(revision) || revision < 1) {
        process.stderr.write(`streamloom export: --revision: expected a positive integer, got "${values.revision}"\n`);
        return 2;
      }
    }
    const file = positionals[0]!;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      process.stderr.write(`streamloom: cannot read ${file}: ${errorText(error)}\n`);
      return 2;
    }

    let result: ReturnType<typeof exportGraph>;
    try {
      result = exportGraph(text, format, fullCatalog, revision !== undefined ? { revision } : {});
    } catch (error) {
      if (!(error instanceof GraphExportError)) throw error;
      process.stderr.write(`streamloom: ${file} has ${error.issues.length} problem(s):\n`);
      for (const i of error.issues) {
        const where = [i.nodeId && `node ${i.nodeId}`, i.param && `param ${i.param}`, i.edgeId && `edge ${i.edgeId}`, i.path]
          .filter(Boolean)
          .join(', ');
        process.stderr.write(`  ${i.code}${where ? ` (${where})` : ''}: ${i.message}\n`);
      }
      return 2;
    }
    for (const w of result.warnings) process.stderr.write(`warning: node ${w.nodeId}: ${w.message}\n`);
    if (values.out !== undefined) {
      try {
        writeFileSync(values.out, result.code);
      } catch (error) {
        process.stderr.write(`streamloom: cannot write ${values.out}: ${errorText(error)}\n`);
        return 2;
      }
    } else {
      process.stdout.write(result.code);
    }
    return 0;
  },
};
