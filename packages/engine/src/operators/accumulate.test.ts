import { describe, expect, it } from 'vitest';
import { Stream } from '../index.js';

describe('accumulate', () => {
  it('emits the running state from start', () => {
    const source = new Stream<number>();
    const out = source.accumulate((acc: number, x: number) => acc + x, { start: 0 }).sinkToList();
    for (const x of [1, 2, 3]) source.emit(x);
    expect(out).toEqual([1, 3, 6]);
  });

  it('without start, emits the first element unchanged and uses it as the state', () => {
    const source = new Stream<number>();
    const out = source.accumulate((acc: number, x: number) => acc * x).sinkToList();
    for (const x of [2, 3, 4]) source.emit(x);
    expect(out).toEqual([2, 6, 24]);
  });

  it('with returnsState, keeps the first of the pair and emits the second', () => {
    const source = new Stream<number>();
    const out = source
      .accumulate((acc: number, x: number) => [acc + x, `${acc}+${x}`], { start: 0, returnsState: true })
      .sinkToList();
    source.emit(1);
    source.emit(2);
    expect(out).toEqual(['0+1', '1+2']);
  });

  it('with withState, emits [state, output]', () => {
    const source = new Stream<number>();
    const out = source.accumulate((acc: number, x: number) => acc + x, { withState: true }).sinkToList();
    source.emit(1);
    source.emit(2);
    expect(out).toEqual([
      [1, 1],
      [3, 3],
    ]);
  });

  it('treats truthy non-boolean flags as true, as before', () => {
    const source = new Stream<number>();
    const options = { start: 0, returnsState: 1, withState: 'yes' } as unknown as { start: number };
    const out = source.accumulate((acc: number, x: number) => [acc + x, -x], options).sinkToList();
    source.emit(5);
    expect(out).toEqual([[5, -5]]);
  });

  it('leaves the state unchanged when func throws', () => {
    const source = new Stream<number>();
    const out = source
      .accumulate(
        (acc: number, x: number) => {
          if (x < 0) throw new Error('negative');
          return acc + x;
        },
        { start: 0 },
      )
      .sinkToList();
    source.emit(1);
    expect(() => source.emit(-1)).toThrow('negative');
    source.emit(2);
    expect(out).toEqual([1, 3]);
  });

  it('counts emissions and keeps the last one for telemetry', () => {
    const source = new Stream<number>();
    const node = source.accumulate((acc: number, x: number) => acc + x, { start: 0 });
    source.emit(1);
    source.emit(2);
    expect(node.emitted).toBe(2);
    expect(node.currentValue).toBe(3);
  });
});
