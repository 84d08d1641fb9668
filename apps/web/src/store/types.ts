import type {
  CatalogData,
  DescriptorData,
  ErrorSample,
  GraphIssue,
  GraphSummary,
  NodeSamples,
  RunStatus,
  TelemetryFrame,
  ValueSample,
} from '@streamloom/engine/protocol';
import type { Connection, EdgeChange, NodeChange, XYPosition } from '@xyflow/react';
import type { api as restApi } from '../api/client';
import type { OperatorNode, RateEdge } from '../lib/graphDoc';
import type { Graph } from '@streamloom/engine/protocol';
import type { LogSlice } from './logSlice';
import type { RateHistories } from './rateHistory';

/** What the store needs from the outside: the REST client, the socket, storage. Injected for tests. */
export interface StoreDeps {
  api: typeof restApi;
  transport: Transport;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  /** Debounce of automatic saves, ms. */
  saveDelay: number;
}

/** The socket as the store sees it. */
export interface Transport {
  subscribe(runId: string): Promise<{ status: RunStatus; frame: TelemetryFrame | null } | null>;
  unsubscribe(runId: string): void;
  inspect(runId: string, nodeId: string, on: boolean): void;
}

export interface CatalogSlice {
  catalog: CatalogData;
  byType: ReadonlyMap<string, DescriptorData>;
  setCatalog(catalog: CatalogData): void;
}

export interface GraphSlice {
  name: string;
  nodes: OperatorNode[];
  edges: RateEdge[];
  /** Bumped on every change that is saved (positions included). */
  docVersion: number;
  /** Bumped on every change of what the graph means (not positions): validation runs then. */
  structureVersion: number;
  issues: GraphIssue[];
  /** Issues by node id; arrays are kept identical while their messages do not change. */
  issuesByNode: Readonly<Record<string, readonly GraphIssue[]>>;
  /** Ids of the selected nodes, in canvas order. */
  selectedIds: readonly string[];
  onNodesChange(changes: NodeChange<OperatorNode>[]): void;
  onEdgesChange(changes: EdgeChange<RateEdge>[]): void;
  /** Why this connection is refused, or null. */
  connectionProblem(c: Connection): string | null;
  connect(c: Connection): void;
  addNode(op: string, position: XYPosition): string | null;
  setParam(nodeId: string, param: string, value: unknown): void;
  setOnError(nodeId: string, onError: 'drop' | 'stop' | undefined): void;
  rename(name: string): void;
  deleteSelection(): void;
  selectAll(): void;
  selectOnly(nodeId: string | null): void;
  /** The selected nodes and the edges between them, as a graph document (for the clipboard). */
  selectionAsGraph(): Graph | null;
  /** Adds a copied fragment with fresh ids, offset or centred on `at`; the pasted nodes end selected. */
  paste(fragment: Graph, at?: XYPosition): number;
  duplicateSelection(): void;
  /** Moves nodes (auto-layout), as one undoable edit. */
  moveNodes(positions: ReadonlyMap<string, XYPosition>): void;
  /** Called when a drag starts, so that the move is one undoable edit. */
  beginDrag(): void;
  /** Replaces the whole document (open, reload, undo). */
  loadDocument(graph: Graph): void;
  revalidate(): void;
}

export interface Snapshot {
  graph: Graph;
}

export interface HistorySlice {
  past: Snapshot[];
  future: Snapshot[];
  /** Records the document before an edit; edits with the same `coalesce` key within a second merge. */
  record(coalesce?: string): void;
  undo(): void;
  redo(): void;
  clearHistory(): void;
}

export type SaveState = 'new' | 'saved' | 'dirty' | 'saving' | 'offline' | 'conflict' | 'invalid' | 'error';

export interface DocSlice {
  graphId: string | null;
  /** The revision the document on screen is based on. */
  revision: number;
  saveState: SaveState;
  saveMessage: string | null;
  /** On a 409: the revision now on the server. */
  conflictRevision: number | null;
  /** Another page saved this graph since we loaded it. */
  remoteRevision: number | null;
  graphs: GraphSummary[];
  graphsError: string | null;
  loading: boolean;
  refreshGraphs(): Promise<void>;
  openGraph(id: string): Promise<void>;
  createGraph(graph?: Graph): Promise<string | null>;
  deleteGraph(id: string): Promise<void>;
  renameGraph(id: string, name: string): Promise<void>;
  scheduleSave(): void;
  saveNow(): Promise<boolean>;
  resolveConflict(choice: 'reload' | 'overwrite'): Promise<void>;
  noteRemoteSave(id: string, revision: number): void;
}

export interface RunSlice {
  run: RunStatus | null;
  runBusy: boolean;
  runMessage: string | null;
  runIssues: GraphIssue[];
  deploy(): Promise<void>;
  stop(): Promise<void>;
  /** Finds and follows the latest live run of the open graph. */
  attachLatestRun(): Promise<void>;
  onRunStatus(status: RunStatus): void;
  /** After a reconnection: subscribe again to the run and the inspected node. */
  resubscribe(): Promise<void>;
}

/** One node's live numbers, as its badge shows them. */
export interface NodeLive {
  in: number;
  out: number;
  /** Out per second (from the host). */
  rate: number;
  /** In per second (from the counts of successive frames). */
  inRate: number;
  errors: number;
  lastError?: string;
  busy?: number;
  queue?: number;
  capacity?: number;
  dropped?: number;
  /**
   * Latency and busy come from the node's sampled work: a tick without a sample (a slow stream)
   * has none, and the last known values are kept; `statsAt` is the frame time they are from.
   */
  latencyP50?: number;
  latencyP99?: number;
  statsAt?: number;
  /** Bumped with each frame: the sparkline redraws on it. */
  tick: number;
}

export interface InspectedSamples {
  runId: string;
  nodeId: string;
  values: ValueSample[];
  errors: ErrorSample[];
  /** Values the server did not send (its bound) plus those this page let go (its own bound). */
  omitted: number;
  received: number;
  /** A stable number for `values[0]` (the next ones count up from it): list keys across updates. */
  firstSeq: number;
}

export interface TelemetrySlice {
  /** Every node's rates over the last minute: mutated in place, never replaced (not reactive). */
  rates: RateHistories;
  live: Readonly<Record<string, NodeLive>>;
  bottleneck: string | null;
  lastFrameAt: number | null;
  inspected: InspectedSamples | null;
  applyFrames(frames: readonly TelemetryFrame[]): void;
  applySamples(samples: NodeSamples): void;
  clearTelemetry(): void;
  /** Follow the samples of one node of the current run (null: none). */
  inspect(nodeId: string | null): void;
}

export type Dialog = null | 'help' | 'export' | 'graphs' | 'examples';
export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

export interface UiSlice {
  dialog: Dialog;
  connection: ConnectionState;
  needToken: boolean;
  tokenMessage: string | null;
  toast: { id: number; text: string; kind: 'info' | 'error' } | null;
  openDialog(d: Dialog): void;
  setConnection(c: ConnectionState): void;
  askToken(message: string | null): void;
  tokenAccepted(): void;
  notify(text: string, kind?: 'info' | 'error'): void;
}

export type EditorState = CatalogSlice & GraphSlice & HistorySlice & DocSlice & RunSlice & TelemetrySlice & UiSlice & LogSlice;
