import { defineOperator, onHost, pySeconds } from '../catalog/define.js';
import { RandomWalkSource } from './randomWalk.js';

/** mulberry32's output for state `a` (already advanced), in Python, on unsigned 32-bit values. */
const PY_MULBERRY32 =
  'lambda a: (lambda t: (lambda t: (t ^ (t >> 14)) / 4294967296)' +
  '(((t + (((t ^ (t >> 7)) * (t | 61)) & 0xFFFFFFFF)) & 0xFFFFFFFF) ^ t))' +
  '(((a ^ (a >> 15)) * (a | 1)) & 0xFFFFFFFF)';

export const randomWalkDescriptor = defineOperator({
  type: 'random_walk',
  label: 'Random walk',
  category: 'source',
  doc:
    'A simulated sensor: emits the first reading, then each reading is the previous one plus a random ' +
    'change of at most `step` either way, one reading per interval (the first at once). The ' +
    'numbers come from a seeded generator (mulberry32), so a seed always gives the same readings, ' +
    'in the editor, on the server and in the exported Python. Example: seed 1, first reading 20, step 0.5 ' +
    'gives 20, then readings wandering around 20.',
  example: 'Stream.randomWalk({ seed: 1, initial: 20, step: 0.5, interval: 1000 })',
  inputs: { min: 0, max: 0 },
  outputs: 1,
  keyParam: 'seed',
  source: true,
  params: [
    {
      name: 'interval',
      label: 'Interval',
      kind: 'duration',
      default: 1000,
      min: 0,
      max: 86_400_000,
      doc: 'Milliseconds between readings (0: as fast as the nodes after it take them).',
    },
    {
      name: 'seed',
      label: 'Seed',
      kind: 'integer',
      default: 1,
      min: 0,
      max: 0xffffffff,
      doc: 'The generator’s seed: the same seed gives the same readings.',
    },
    { name: 'initial', label: 'First reading', kind: 'number', default: 0, doc: 'The first reading.' },
    {
      name: 'step',
      label: 'Step',
      kind: 'number',
      default: 1,
      min: 0,
      doc: 'Largest change between two readings.',
    },
    {
      name: 'limit',
      label: 'Limit',
      kind: 'integer',
      nullable: true,
      default: null,
      min: 0,
      placeholder: '100',
      doc: 'How many readings to emit. Empty: forever.',
    },
  ],
  build: (ctx) =>
    onHost(
      ctx,
      () =>
        new RandomWalkSource({
          interval: ctx.params.interval,
          seed: ctx.params.seed,
          initial: ctx.params.initial,
          step: ctx.params.step,
          limit: ctx.params.limit ?? null,
          scheduler: ctx.host.scheduler,
        }),
    ),
  toTypeScript: (ctx) => {
    const options = ['interval', 'seed', 'initial', 'step'].map((p) => `${p}: ${ctx.code(p)}`);
    if (ctx.params.limit != null) options.push(`limit: ${ctx.code('limit')}`);
    return `Stream.randomWalk({ ${options.join(', ')} })`;
  },
  // The same readings: the n-th generator output of a seed is mix(seed + n * 0x6D2B79F5).
  toPython: (ctx) => {
    const it = "__import__('itertools')";
    const deltas =
      `(${ctx.code('step')} * (2 * (${PY_MULBERRY32})((${ctx.code('seed')} + n * 0x6D2B79F5) & 0xFFFFFFFF) - 1) ` +
      `for n in ${it}.count(1))`;
    let walk = `${it}.accumulate(${deltas}, initial=${ctx.code('initial')})`;
    if (ctx.params.limit != null) walk = `${it}.islice(${walk}, ${ctx.code('limit')})`;
    return (
      `Stream.from_iterable(${walk})` + (ctx.params.interval > 0 ? `.rate_limit(${pySeconds(ctx, 'interval')})` : '')
    );
  },
});
