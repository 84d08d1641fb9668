import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

/** The schema, one step per version; `user_version` says how many have been applied. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE graphs (
     id         TEXT PRIMARY KEY,
     name       TEXT NOT NULL,
     revision   INTEGER NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE graph_revisions (
     graph_id  TEXT NOT NULL REFERENCES graphs(id) ON DELETE CASCADE,
     revision  INTEGER NOT NULL,
     saved_at  TEXT NOT NULL,
     graph     TEXT NOT NULL,
     PRIMARY KEY (graph_id, revision)
   );
   CREATE TABLE runs (
     id         TEXT PRIMARY KEY,
     graph_id   TEXT NOT NULL,
     revision   INTEGER NOT NULL,
     state      TEXT NOT NULL,
     reason     TEXT,
     node_id    TEXT,
     started_at TEXT NOT NULL,
     ended_at   TEXT,
     -- 1 while the run should be running: it is started again when the server starts.
     resume     INTEGER NOT NULL DEFAULT 0
   );
   CREATE INDEX runs_by_graph ON runs(graph_id);`,
];

/** Opens (creating if needed) the database in `dataDir`, in WAL mode, with the schema up to date. */
export function openDb(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'streamloom.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const version = db.pragma('user_version', { simple: true }) as number;
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return db;
}

/** Writes the WAL back into the database file and closes it. */
export function closeDb(db: Db): void {
  if (!db.open) return;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
