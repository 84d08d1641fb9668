/** One line a `log` sink wrote in a run, as the server keeps and forwards it. */
export interface LogLine {
  /** The line's place in the run's forwarded output, from 1. Lines skipped by the run's bound get none. */
  seq: number;
  /** When the sink wrote it, milliseconds since the epoch. */
  t: number;
  /** The `log` node that wrote it. */
  nodeId: string;
  /** The JSON line, cut at 2,000 characters (then `length` is its full length). */
  line: string;
  length?: number;
}

/** `GET /api/runs/:runId/log`: the run's recent output. */
export interface RunLog {
  runId: string;
  /**
   * When this log began (ms since the epoch; 0 for a run without one). A run started again after
   * a server restart keeps its id but begins a new log, numbered from 1 again.
   */
  since: number;
  /** The most recent lines (at most 1,000), oldest first; with `?after=seq`, only the newer ones. */
  lines: LogLine[];
  /** Lines the run wrote faster than its bound (200 a second) and that were never forwarded. */
  skipped: number;
  /** Lines forwarded since the run started (the last `seq`): older ones than `lines` were let go. */
  total: number;
}

/** `run:log`: new lines of a run, sent to its subscribers each tick that has some. */
export interface LogBatch {
  runId: string;
  /** As in RunLog: which log of the run the lines belong to. */
  since: number;
  lines: LogLine[];
  /** The run's skipped lines so far (a total, as in RunLog). */
  skipped: number;
  /**
   * Lines left out of this message because this client read slowly (still in `GET …/log` while
   * the server keeps them). Never dropped silently.
   */
  omitted: number;
}
