// TEMPORARY: stands in for the engine's `compile` until it lands (packages/engine/src/graph/compile.ts).
import type { GraphIssue, NodeSamples, TelemetryFrame, ValueSample } from '@streamloom/engine/protocol';
import type { Graph, CompiledGraph } from '@streamloom/engine/graph';
import { buildContext, type OperatorDescriptor, type RunHost } from '@streamloom/engine/catalog';
import type { Stream } from '@streamloom/engine';

type Result = { ok: true; graph: CompiledGraph } | { ok: false; issues: GraphIssue[] };

export function compileStandIn(graph: Graph, host: RunHost, catalog: readonly OperatorDescriptor[]): Result {
  const byType = new Map(catalog.map((d) => [d.type, d]));
  const nodes = new Map<string, Stream<any>>();
  const errors = new Map<string, number>();
  const inspected = new Map<string, ValueSample[]>();
  try {
    for (const n of graph.nodes) {
      const d = byType.get(n.type);
      if (d === undefined) return { ok: false, issues: [{ code: 'unknown_type', message: n.type, nodeId: n.id }] };
      const ctx = buildContext(d, n.id, n.params, {
        ...host,
        compileFunction: (src, where) => {
          const f = host.compileFunction(src, where);
          return (...a: any[]) => {
            try {
              return f(...a);
            } catch (e) {
              errors.set(n.id, (errors.get(n.id) ?? 0) + 1);
              throw e;
            }
          };
        },
      });
      const s = d.build(ctx);
      const emit = s._emit.bind(s);
      s._emit = (x: any) => {
        const list = inspected.get(n.id);
        if (list !== undefined && list.length < 100) list.push({ t: Date.now(), value: x });
        return emit(x);
      };
      s.next = null;
      nodes.set(n.id, s);
    }
    for (const e of [...graph.edges].sort((a, b) => a.targetPort - b.targetPort)) {
      nodes.get(e.source)!.connect(nodes.get(e.target)!);
    }
    for (const s of nodes.values()) s.next = null;
  } catch (e) {
    return { ok: false, issues: [{ code: 'invalid_param', message: String(e) }] };
  }
  const sources = graph.nodes.filter((n) => byType.get(n.type)?.source).map((n) => nodes.get(n.id)!);
  let last = new Map<string, number>();
  let lastT = Date.now();
  return {
    ok: true,
    graph: {
      nodes,
      start: () => sources.forEach((s) => s.start()),
      stop: () => sources.forEach((s) => s.stop()),
      emit: async (id, v) => {
        await nodes.get(id)!.emit(v);
      },
      snapshot(runId = ''): TelemetryFrame {
        const now = Date.now();
        const frame: TelemetryFrame = { runId, t: now, nodes: {} };
        const next = new Map<string, number>();
        for (const [id, s] of nodes) {
          const out = s.emitted;
          const inn = s.upstreams.reduce((a, u) => a + u.emitted, 0);
          next.set(id, out);
          frame.nodes[id] = {
            in: inn,
            out,
            rate: ((out - (last.get(id) ?? 0)) * 1000) / Math.max(1, now - lastT),
            errors: errors.get(id) ?? 0,
          };
        }
        last = next;
        lastT = now;
        return frame;
      },
      inspect(id, on) {
        if (on) inspected.set(id, inspected.get(id) ?? []);
        else inspected.delete(id);
      },
      samples(id, runId = ''): NodeSamples {
        const values = inspected.get(id) ?? [];
        inspected.set(id, []);
        return { runId, nodeId: id, values: values.map((v) => ({ t: v.t, value: JSON.parse(JSON.stringify(v.value ?? null)) })), omitted: 0, errors: [] };
      },
    },
  };
}
