import type { RunHost } from '../catalog/types.js';
import type { Scheduler } from '../core/types.js';
import { VirtualScheduler } from '../core/virtualScheduler.js';
import { functionUrl } from '../telemetry/attribution.js';

export interface PlainHostOptions {
  /** Also receives every log line (they are kept in `lines` either way). */
  log?: (line: string) => void;
}

/** A run host for tests and tools: user functions compiled with `new Function`, log lines kept. */
export interface PlainHost extends RunHost {
  readonly lines: string[];
}

/**
 * A RunHost without the server's sandbox: a function parameter's source is compiled with
 * `new Function` in this realm. For tests, the exporter and local tools only; the server compiles
 * user functions in a hardened vm context instead. Stack traces name the node and parameter
 * (`streamloom:m1/func`, see functionUrl).
 */
export function plainHost(
  scheduler: Scheduler = new VirtualScheduler(),
  options: PlainHostOptions = {},
): PlainHost {
  const lines: string[] = [];
  return {
    scheduler,
    lines,
    compileFunction(source, where) {
      const f: unknown = new Function(
        `return (${source}\n);\n//# sourceURL=${functionUrl(where)}`,
      )();
      if (typeof f !== 'function') {
        throw new TypeError(
          `${where.param} must be a function, got ${f === null ? 'null' : typeof f}`,
        );
      }
      return f as (...args: any[]) => any;
    },
    log(line) {
      lines.push(line);
      options.log?.(line);
    },
  };
}
