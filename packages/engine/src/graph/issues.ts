/** Every problem `validate` can report. The code is stable; the message is for people. */
export type GraphIssueCode =
  | 'invalid_json'
  | 'invalid_shape'
  | 'unsupported_version'
  | 'too_large'
  | 'duplicate_id'
  | 'unknown_type'
  | 'missing_param'
  | 'unknown_param'
  | 'invalid_param'
  | 'out_of_range'
  | 'function_syntax'
  | 'not_a_function'
  | 'missing_node'
  | 'invalid_port'
  | 'too_few_inputs'
  | 'too_many_inputs'
  | 'no_output'
  | 'sync_cycle';

/** One problem, with where it is: the node, the parameter, the edge, a position in source text. */
export interface GraphIssue {
  code: GraphIssueCode;
  message: string;
  nodeId?: string;
  param?: string;
  edgeId?: string;
  /** Path into the JSON document, for shape problems (e.g. `nodes.3.position.x`). */
  path?: string;
  /** 1-based line and column in a function's source. */
  line?: number;
  column?: number;
}
