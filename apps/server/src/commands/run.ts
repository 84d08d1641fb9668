import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseGraphInput } from '../engine.js';
import { createRuntime, errorText } from '../runs/runtime.js';
import { parseDuration, type Command } from './command.js';

export const runCommand: Command = {
  name: 'run',
  summary: 'run a graph without the server; log sinks print JSON lines',
  usage: `streamloom run <graph.json> [--duration 10s] [--telemetry]

  --duration    stop after this long (500ms, 10s, 2m; a bare number is seconds). Without it the
                run ends when its sources are done, or on Ctrl-C.
  --telemetry   print a telemetry frame as one JSON line on stderr every second

The log sinks' lines go to stdout. A graph that does not validate prints its issues and exits 2;
a node that fails for good exits 1.`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: { duration: { type: 'string' }, telemetry: { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length !== 1) {
      process.stderr.write(`usage: ${this.usage}\n`);
      return 2;
    }
    const file = positionals[0]!;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      process.stderr.write(`streamloom: cannot read ${file}: ${errorText(error)}\n`);
      return 2;
    }
    let duration: number | undefined;
    if (values.duration !== undefined) {
      duration = parseDuration(values.duration);
      if (duration === undefined) {
        process.stderr.write(`streamloom: --duration: expected e.g. 500ms, 10s or 2m, got "${values.duration}"\n`);
        return 2;
      }
    }
    const parsed = parseGraphInput(text);
    if (!parsed.ok) {
      process.stderr.write(`streamloom: ${file} has ${parsed.issues.length} problem(s):\n`);
      for (const i of parsed.issues) {
        const where = [i.nodeId && `node ${i.nodeId}`, i.param && `param ${i.param}`, i.edgeId && `edge ${i.edgeId}`, i.path]
          .filter(Boolean)
          .join(', ');
        process.stderr.write(`  ${i.code}${where ? ` (${where})` : ''}: ${i.message}\n`);
      }
      return 2;
    }

    return new Promise<number>((resolve) => {
      let finished = false;
      const timers: ReturnType<typeof setTimeout>[] = [];
      const finish = (code: number) => {
        if (finished) return;
        finished = true;
        for (const t of timers) clearTimeout(t);
        try {
          if (created.ok) created.runtime.stop();
        } catch {
          // stopping is best effort
        }
        if (created.ok) void created.runtime.close();
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        resolve(code);
      };
      const onSignal = () => finish(0);
      const created = createRuntime({
        runId: 'cli',
        graph: parsed.graph,
        log: (line) => process.stdout.write(line + '\n'),
        onFailure: (reason, nodeId) => {
          process.stderr.write(`streamloom: the run failed${nodeId ? ` at node ${nodeId}` : ''}: ${reason}\n`);
          finish(1);
        },
        busyFd: null,
      });
      if (!created.ok) {
        process.stderr.write(`streamloom: the graph did not compile:\n`);
        for (const i of created.issues) process.stderr.write(`  ${i.code}${i.nodeId ? ` (node ${i.nodeId})` : ''}: ${i.message}\n`);
        resolve(2);
        return;
      }
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      if (duration !== undefined) timers.push(setTimeout(() => finish(0), duration));
      if (values.telemetry) {
        const t = setInterval(() => process.stderr.write(JSON.stringify(created.runtime.tick().frame) + '\n'), 1000);
        t.unref();
        timers.push(t);
      }
      try {
        created.runtime.start();
      } catch (error) {
        process.stderr.write(`streamloom: the graph failed to start: ${errorText(error)}\n`);
        finish(1);
      }
      // Without --duration, the process ends by itself once no source has anything left to do.
      process.once('beforeExit', () => finish(0));
    });
  },
};
