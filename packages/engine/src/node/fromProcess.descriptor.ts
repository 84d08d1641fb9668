import { args, defineOperator, onHost } from '../catalog/define.js';
import { FromProcessSource } from './fromProcess.js';

export const fromProcessDescriptor = defineOperator({
  type: 'from_process',
  label: 'Process output',
  category: 'source',
  doc:
    'Runs a program when the run starts and emits every line it prints (decoded as UTF-8), each ' +
    'with its "\\n" at the end as in streamz; a last line without one is emitted too unless ' +
    '“with end” is off. The command is split like a shell would split it, but no shell runs it ' +
    '(no pipes or redirections). The source stops when the program ends; stopping the run kills ' +
    'it. Example: `ping -c 3 127.0.0.1` emits its lines as they come.',
  example: 'Stream.fromProcess("ping -c 3 127.0.0.1")',
  inputs: { min: 0, max: 0 },
  outputs: 1,
  keyParam: 'cmd',
  source: true,
  needs: { childProcess: true },
  params: [
    {
      name: 'cmd',
      label: 'Command',
      kind: 'string',
      required: true,
      min: 1,
      max: 10_000,
      placeholder: 'ping -c 3 127.0.0.1',
      doc: 'The program and its arguments, split as `shlex.split` does (quotes group words).',
    },
    {
      name: 'withStderr',
      label: 'With standard error',
      kind: 'boolean',
      default: false,
      doc: 'Also emit the lines the program writes to its standard error.',
    },
    {
      name: 'withEnd',
      label: 'With end',
      kind: 'boolean',
      default: true,
      doc: 'Emit a last line that has no newline when the program ends.',
    },
  ],
  build: (ctx) =>
    onHost(
      ctx,
      () =>
        new FromProcessSource(ctx.params.cmd, {
          withStderr: ctx.params.withStderr,
          withEnd: ctx.params.withEnd,
          scheduler: ctx.host.scheduler,
        }),
    ),
  toTypeScript: (ctx) => {
    const options: string[] = [];
    if (ctx.params.withStderr) options.push('withStderr: true');
    if (ctx.params.withEnd === false) options.push('withEnd: false');
    return `Stream.fromProcess(${args(ctx.code('cmd'), options.length > 0 && `{ ${options.join(', ')} }`)})`;
  },
  // streamz emits bytes; decoding makes the elements the same.
  toPython: (ctx) =>
    `Stream.from_process(${args(
      ctx.code('cmd'),
      ctx.params.withStderr && 'with_stderr=True',
      ctx.params.withEnd === false && 'with_end=False',
    )}).map(lambda b: b.decode('utf-8', 'replace'))`,
});
