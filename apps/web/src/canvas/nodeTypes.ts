// At module scope, so React Flow sees the same objects on every render (xyflow error002).
import { OperatorNode } from './OperatorNode';
import { RateEdge } from './RateEdge';

export const nodeTypes = { operator: OperatorNode };
export const edgeTypes = { rate: RateEdge };
