import { randomUUID } from 'node:crypto';
import type { Graph, GraphRevision, GraphSummary, StoredGraph } from '@streamloom/engine/protocol';
import type { Db } from './db.js';

interface GraphRow {
  id: string;
  name: string;
  revision: number;
  updated_at: string;
}

/** The outcome of a save based on a revision: saved, or that revision is no longer the latest. */
export type UpdateResult =
  | { ok: true; revision: number }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'conflict'; currentRevision: number };

/** Graphs and every revision of each (a save never overwrites one). */
export class GraphStore {
  private readonly q;

  constructor(private readonly db: Db) {
    this.q = {
      list: db.prepare<[], GraphRow>('SELECT id, name, revision, updated_at FROM graphs ORDER BY updated_at DESC, id'),
      head: db.prepare<[string], GraphRow>('SELECT id, name, revision, updated_at FROM graphs WHERE id = ?'),
      insertGraph: db.prepare(
        'INSERT INTO graphs (id, name, revision, created_at, updated_at) VALUES (?, ?, 1, ?, ?)',
      ),
      bump: db.prepare('UPDATE graphs SET name = ?, revision = ?, updated_at = ? WHERE id = ? AND revision = ?'),
      insertRevision: db.prepare(
        'INSERT INTO graph_revisions (graph_id, revision, saved_at, graph) VALUES (?, ?, ?, ?)',
      ),
      revision: db.prepare<[string, number], { graph: string; saved_at: string }>(
        'SELECT graph, saved_at FROM graph_revisions WHERE graph_id = ? AND revision = ?',
      ),
      revisions: db.prepare<[string], { revision: number; saved_at: string; graph: string }>(
        'SELECT revision, saved_at, graph FROM graph_revisions WHERE graph_id = ? ORDER BY revision DESC',
      ),
      delete: db.prepare('DELETE FROM graphs WHERE id = ?'),
    };
  }

  list(): GraphSummary[] {
    return this.q.list.all().map(summary);
  }

  get(id: string): StoredGraph | undefined {
    const head = this.q.head.get(id);
    if (head === undefined) return undefined;
    const rev = this.q.revision.get(id, head.revision);
    if (rev === undefined) return undefined;
    return { ...summary(head), graph: JSON.parse(rev.graph) as Graph };
  }

  /** One revision of a graph, or undefined. */
  getRevision(id: string, revision: number): Graph | undefined {
    const rev = this.q.revision.get(id, revision);
    return rev === undefined ? undefined : (JSON.parse(rev.graph) as Graph);
  }

  revisions(id: string): GraphRevision[] | undefined {
    if (this.q.head.get(id) === undefined) return undefined;
    return this.q.revisions
      .all(id)
      .map((r) => ({ revision: r.revision, savedAt: r.saved_at, graph: JSON.parse(r.graph) as Graph }));
  }

  create(graph: Graph): { id: string; revision: number } {
    const id = randomUUID();
    const now = new Date().toISOString();
    this.db.transaction(() => {
      this.q.insertGraph.run(id, graph.name, now, now);
      this.q.insertRevision.run(id, 1, now, JSON.stringify(graph));
    })();
    return { id, revision: 1 };
  }

  /** Saves a new revision if `baseRevision` is still the latest (optimistic concurrency). */
  update(id: string, graph: Graph, baseRevision: number): UpdateResult {
    return this.db.transaction((): UpdateResult => {
      const head = this.q.head.get(id);
      if (head === undefined) return { ok: false, reason: 'not_found' };
      if (head.revision !== baseRevision) return { ok: false, reason: 'conflict', currentRevision: head.revision };
      const revision = head.revision + 1;
      const now = new Date().toISOString();
      this.q.bump.run(graph.name, revision, now, id, head.revision);
      this.q.insertRevision.run(id, revision, now, JSON.stringify(graph));
      return { ok: true, revision };
    })();
  }

  /** Deletes a graph and its revisions; false if there was none. */
  delete(id: string): boolean {
    return this.q.delete.run(id).changes > 0;
  }
}

function summary(row: GraphRow): GraphSummary {
  return { id: row.id, name: row.name, revision: row.revision, updatedAt: row.updated_at };
}
