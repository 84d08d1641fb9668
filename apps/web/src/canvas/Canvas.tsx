import {
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore,
  type IsValidConnection,
  type ReactFlowState,
  type Node,
} from '@xyflow/react';
import { useCallback, useLayoutEffect, useRef, type DragEvent } from 'react';
import { fitGraph } from '../lib/fit';
import type { OperatorNode, RateEdge } from '../lib/graphDoc';
import { useEditor, useEditorApi } from '../store';
import { selectEdges, selectNodes } from '../store/selectors';
import { ConnectionHint } from './ConnectionHint';
import { DotBackground } from './DotBackground';
import { edgeTypes, nodeTypes } from './nodeTypes';
import { LOW_DETAIL_ZOOM, setLiveDetail, setViewMoving } from './useLiveBinding';

export const DRAG_MIME = 'application/x-streamloom-operator';

const moveStart = () => setViewMoving(true);
const moveEnd = () => setViewMoving(false);

/** Zoomed out so far that the live numbers would be unreadable: nodes are drawn in low detail. */
const selectLowDetail = (s: ReactFlowState) => s.transform[2] < LOW_DETAIL_ZOOM;

const minimapColor = (n: Node) => {
  const cat = (n as OperatorNode).data?.op;
  return cat ? 'var(--minimap-node)' : '#888';
};

/** The React Flow canvas, controlled by the store. */
export function Canvas() {
  const store = useEditorApi();
  const nodes = useEditor(selectNodes);
  const edges = useEditor(selectEdges);
  const graphId = useEditor((s) => s.graphId);
  const ended = useEditor((s) => s.run !== null && s.run.state !== 'running' && s.run.state !== 'starting');
  const { screenToFlowPosition, setViewport } = useReactFlow<OperatorNode, RateEdge>();
  const wrapper = useRef<HTMLDivElement>(null);
  // Re-renders only when the zoom crosses the threshold. The class switches what nodes and edges
  // show (styles.css) without remounting or resizing them; the bindings write the new detail.
  const low = useStore(selectLowDetail);
  useLayoutEffect(() => setLiveDetail(low ? 'low' : 'full'), [low]);
  useLayoutEffect(() => () => setLiveDetail('full'), []);

  // Fit the view as soon as another graph is opened, from the nodes' positions (before the first
  // paint, so that nothing dropped meanwhile lands under a view that then moves).
  useLayoutEffect(() => {
    if (graphId !== null) fitGraph({ setViewport }, store.getState().nodes);
  }, [graphId, setViewport, store]);
  useLayoutEffect(() => moveEnd, []);

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(DRAG_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const op = e.dataTransfer.getData(DRAG_MIME);
      if (!op) return;
      e.preventDefault();
      const p = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      // The node's head is under the cursor rather than its corner.
      store.getState().addNode(op, { x: Math.round(p.x - 90), y: Math.round(p.y - 20) });
    },
    [screenToFlowPosition, store],
  );

  const isValidConnection: IsValidConnection<RateEdge> = useCallback(
    (c) =>
      store.getState().connectionProblem({
        source: c.source,
        target: c.target,
        sourceHandle: c.sourceHandle ?? null,
        targetHandle: c.targetHandle ?? null,
      }) === null,
    [store],
  );

  const s = store.getState();
  return (
    <div className={`canvas${edges.length > 80 ? ' many-edges' : ''}${ended ? ' ended' : ''}${low ? ' lod-low' : ''}`} ref={wrapper} data-testid="canvas">
      <ReactFlow<OperatorNode, RateEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={s.onNodesChange}
        onEdgesChange={s.onEdgesChange}
        onConnect={s.connect}
        isValidConnection={isValidConnection}
        onNodeDragStart={s.beginDrag}
        onMoveStart={moveStart}
        onMoveEnd={moveEnd}
        onDrop={onDrop}
        onDragOver={onDragOver}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        connectionRadius={28}
        minZoom={0.1}
        maxZoom={2.5}
        onlyRenderVisibleElements
        proOptions={{ hideAttribution: true }}
        colorMode="dark"
      >
        <DotBackground gap={22} size={1.2} />
        <MiniMap pannable zoomable nodeColor={minimapColor} maskColor="rgba(8,10,16,0.7)" ariaLabel="Minimap" />
        <Controls showInteractive={false} />
        <ConnectionHint />
      </ReactFlow>
      {nodes.length === 0 && (
        <div className="canvas-empty" data-testid="canvas-empty">
          <div className="canvas-empty-title">Drag an operator here to start</div>
          <div className="canvas-empty-text">
            Pick a source such as <b>Counter</b> on the left, add a <b>Map</b>, wire them output → input, and press <b>Deploy</b>.
            Or open an example.
          </div>
          <button type="button" className="btn" onClick={() => store.getState().openDialog('examples')}>
            Browse examples
          </button>
        </div>
      )}
    </div>
  );
}
