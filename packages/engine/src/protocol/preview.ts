/**
 * A value as the browser sees it: a bounded, JSON-able rendering of any value. Plain JSON values
 * stay as they are; everything else becomes a tagged object.
 */
export type Preview =
  | null
  | boolean
  | number
  | string
  | Preview[]
  | { [key: string]: Preview }
  | PreviewTagged;

export type PreviewTagged = {
  /** `undefined`, `NaN`, `Infinity`, `-Infinity`, `bigint`, `Date`, `Map`, `Set`, `Error`, `function`,
   * `symbol`, `cycle`, `truncated`, a typed array's or Buffer's name, or a class name. */
  $type: string;
  /** The value as text when it has one (bigint digits, ISO date, error message, function name). */
  value?: string;
  /** True length of a truncated string, array, Map or Set. */
  length?: number;
  /** The first items kept (arrays, Sets, typed arrays), entries (Maps), fields (class instances). */
  items?: Preview[];
  entries?: Array<[Preview, Preview]>;
  fields?: { [key: string]: Preview };
};
