import type { RunState, RunStatus } from '@streamloom/engine/protocol';
import type { Db } from './db.js';

interface RunRow {
  id: string;
  graph_id: string;
  revision: number;
  state: RunState;
  reason: string | null;
  node_id: string | null;
  started_at: string;
  ended_at: string | null;
  resume: number;
}

/** The record of every run: its state, why it ended, and whether to start it again on restart. */
export class RunStore {
  private readonly q;

  constructor(db: Db) {
    this.q = {
      upsert: db.prepare(
        `INSERT INTO runs (id, graph_id, revision, state, reason, node_id, started_at, ended_at, resume)
         VALUES (@runId, @graphId, @revision, @state, @reason, @nodeId, @startedAt, @endedAt, @resume)
         ON CONFLICT(id) DO UPDATE SET graph_id = @graphId, revision = @revision, state = @state,
           reason = @reason, node_id = @nodeId, started_at = @startedAt, ended_at = @endedAt,
           resume = @resume`,
      ),
      list: db.prepare<[], RunRow>('SELECT * FROM runs ORDER BY started_at DESC, id'),
      get: db.prepare<[string], RunRow>('SELECT * FROM runs WHERE id = ?'),
      toResume: db.prepare<[], RunRow>(
        `SELECT * FROM runs WHERE resume = 1 OR state IN ('starting', 'running') ORDER BY started_at`,
      ),
    };
  }

  /** Records a run's status; `resume` says whether a server restart should start it again. */
  save(status: RunStatus, resume: boolean): void {
    this.q.upsert.run({
      runId: status.runId,
      graphId: status.graphId,
      revision: status.revision,
      state: status.state,
      reason: status.reason ?? null,
      nodeId: status.nodeId ?? null,
      startedAt: status.startedAt,
      endedAt: status.endedAt ?? null,
      resume: resume ? 1 : 0,
    });
  }

  list(): RunStatus[] {
    return this.q.list.all().map(toStatus);
  }

  get(runId: string): RunStatus | undefined {
    const row = this.q.get.get(runId);
    return row === undefined ? undefined : toStatus(row);
  }

  /** The runs that were running (or meant to be) when the server last stopped. */
  toResume(): RunStatus[] {
    return this.q.toResume.all().map(toStatus);
  }
}

function toStatus(row: RunRow): RunStatus {
  const status: RunStatus = {
    runId: row.id,
    graphId: row.graph_id,
    revision: row.revision,
    state: row.state,
    startedAt: row.started_at,
  };
  if (row.reason !== null) status.reason = row.reason;
  if (row.node_id !== null) status.nodeId = row.node_id;
  if (row.ended_at !== null) status.endedAt = row.ended_at;
  return status;
}
