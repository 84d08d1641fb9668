import type { ParamSpec } from '@streamloom/engine/protocol';

export interface FieldProps {
  nodeId: string;
  op: string;
  spec: ParamSpec;
  value: unknown;
  /** Checks a value with the validator: null when it is fine, else the message to show. */
  check(value: unknown): string | null;
  commit(value: unknown): void;
}
