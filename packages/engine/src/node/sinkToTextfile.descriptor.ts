import { args, defineOperator, input, onHost } from '../catalog/define.js';
import { SinkToTextfileNode } from './sinkToTextfile.js';

export const sinkToTextfileDescriptor = defineOperator({
  type: 'sink_to_textfile',
  label: 'Write text file',
  category: 'sink',
  doc:
    'Writes every element to a text file (UTF-8) on the server, followed by the end string (a ' +
    'newline by default): strings as they are, other values as one line of JSON. The file is ' +
    'appended to, or emptied when the run starts with mode “w”. Example: "a", {"n": 1} write the ' +
    'lines a and {"n":1}.',
  example: 'source.sinkToTextfile("/tmp/out.txt")',
  inputs: { min: 1, max: 1 },
  outputs: 0,
  keyParam: 'path',
  needs: { fileWrite: 'path' },
  params: [
    {
      name: 'path',
      label: 'File',
      kind: 'string',
      required: true,
      min: 1,
      max: 4096,
      placeholder: '/tmp/out.txt',
      doc: 'Path of the file to write, on the server.',
    },
    {
      name: 'end',
      label: 'End',
      kind: 'string',
      default: '\n',
      max: 100,
      doc: 'Written after every element.',
    },
    {
      name: 'mode',
      label: 'Mode',
      kind: 'enum',
      options: ['a', 'w'],
      default: 'a',
      doc: 'a: append to the file; w: empty it when the run starts.',
    },
  ],
  build: (ctx) =>
    onHost(ctx, () => new SinkToTextfileNode(null, ctx.params.path, { end: ctx.params.end, mode: ctx.params.mode })),
  toTypeScript: (ctx) => {
    const options: string[] = [];
    if (ctx.params.end !== '\n') options.push(`end: ${ctx.code('end')}`);
    if (ctx.params.mode !== 'a') options.push(`mode: ${ctx.code('mode')}`);
    return `${input(ctx)}.sinkToTextfile(${args(ctx.code('path'), options.length > 0 && `{ ${options.join(', ')} }`)})`;
  },
  // streamz writes strings only: other values become JSON, as here.
  toPython: (ctx) =>
    `${input(ctx)}.map(lambda x: x if isinstance(x, str) else __import__('json').dumps(x, separators=(',', ':'), ensure_ascii=False))` +
    `.sink_to_textfile(${args(
      ctx.code('path'),
      ctx.params.end !== '\n' && `end=${ctx.code('end')}`,
      ctx.params.mode !== 'a' && `mode=${ctx.code('mode')}`,
    )})`,
});
