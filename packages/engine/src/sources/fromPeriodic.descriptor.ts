import { defineOperator, onHost, pySeconds, requiredFn } from '../catalog/define.js';
import { DEFAULT_POLL_INTERVAL, FromPeriodicSource } from './fromPeriodic.js';

export const fromPeriodicDescriptor = defineOperator({
  type: 'from_periodic',
  label: 'Periodic',
  category: 'source',
  doc:
    'Calls a function every poll interval once the run starts and emits what it returns (the ' +
    'first call at once). The period is the interval plus the time the nodes after it take. An ' +
    'error in the function is reported and polling goes on. Example: `() => Date.now()` every ' +
    '1000 ms emits a timestamp each second.',
  example: 'Stream.fromPeriodic(() => Date.now(), 1000)',
  inputs: { min: 0, max: 0 },
  outputs: 1,
  keyParam: 'callback',
  source: true,
  params: [
    {
      name: 'callback',
      label: 'Function',
      kind: 'function',
      required: true,
      signature: '() => value',
      placeholder: '() => Date.now()',
      doc: 'Called with no arguments on every poll; its result is emitted.',
    },
    {
      name: 'pollInterval',
      label: 'Poll interval',
      kind: 'duration',
      default: DEFAULT_POLL_INTERVAL,
      min: 1,
      max: 86_400_000,
      doc: 'Milliseconds slept after each call.',
    },
  ],
  build: (ctx) =>
    onHost(
      ctx,
      () =>
        new FromPeriodicSource(requiredFn(ctx, 'callback'), ctx.params.pollInterval, {
          scheduler: ctx.host.scheduler,
        }),
    ),
  toTypeScript: (ctx) => `Stream.fromPeriodic(${ctx.code('callback')}, ${ctx.code('pollInterval')})`,
  toPython: (ctx) => `Stream.from_periodic(${ctx.code('callback')}, poll_interval=${pySeconds(ctx, 'pollInterval')})`,
});
