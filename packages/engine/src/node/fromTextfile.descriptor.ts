import { args, defineOperator, onHost, pySeconds } from '../catalog/define.js';
import { FromTextfileSource } from './fromTextfile.js';

export const fromTextfileDescriptor = defineOperator({
  type: 'from_textfile',
  label: 'Text file',
  category: 'source',
  doc:
    'Follows a text file (UTF-8) like `tail -f`: emits every line already in it, then every line ' +
    'appended later, each with its delimiter at the end, as streamz does ("a\\n", not "a"; map ' +
    'with `s => s.trimEnd()` to drop it). A last line without a delimiter waits for the rest. ' +
    'With “from end”, only lines appended after the run starts are emitted. The file must exist ' +
    'when the run starts.',
  example: 'Stream.fromTextfile("/var/log/app.log").map((s) => s.trimEnd())',
  inputs: { min: 0, max: 0 },
  outputs: 1,
  keyParam: 'path',
  source: true,
  needs: { fileRead: 'path' },
  params: [
    {
      name: 'path',
      label: 'File',
      kind: 'string',
      required: true,
      min: 1,
      max: 4096,
      placeholder: '/var/log/app.log',
      doc: 'Path of the file to follow, on the server.',
    },
    {
      name: 'pollInterval',
      label: 'Poll interval',
      kind: 'duration',
      default: 100,
      min: 1,
      max: 86_400_000,
      doc: 'Milliseconds to wait before looking again when nothing new was found.',
    },
    {
      name: 'delimiter',
      label: 'Delimiter',
      kind: 'string',
      default: '\n',
      min: 1,
      max: 100,
      doc: 'What separates the parts; kept at the end of every part.',
    },
    {
      name: 'fromEnd',
      label: 'From end',
      kind: 'boolean',
      default: false,
      doc: 'Skip what the file holds when the run starts.',
    },
  ],
  build: (ctx) =>
    onHost(
      ctx,
      () =>
        new FromTextfileSource(ctx.params.path, {
          pollInterval: ctx.params.pollInterval,
          delimiter: ctx.params.delimiter,
          fromEnd: ctx.params.fromEnd,
          scheduler: ctx.host.scheduler,
        }),
    ),
  toTypeScript: (ctx) => {
    const options: string[] = [];
    if (ctx.params.pollInterval !== 100) options.push(`pollInterval: ${ctx.code('pollInterval')}`);
    if (ctx.params.delimiter !== '\n') options.push(`delimiter: ${ctx.code('delimiter')}`);
    if (ctx.params.fromEnd) options.push('fromEnd: true');
    return `Stream.fromTextfile(${args(ctx.code('path'), options.length > 0 && `{ ${options.join(', ')} }`)})`;
  },
  toPython: (ctx) =>
    `Stream.from_textfile(${args(
      ctx.code('path'),
      ctx.params.pollInterval !== 100 && `poll_interval=${pySeconds(ctx, 'pollInterval')}`,
      ctx.params.delimiter !== '\n' && `delimiter=${ctx.code('delimiter')}`,
      ctx.params.fromEnd && 'from_end=True',
    )})`,
});
