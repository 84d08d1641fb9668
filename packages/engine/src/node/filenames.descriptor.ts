import { args, defineOperator, onHost, pySeconds } from '../catalog/define.js';
import { FilenamesSource } from './filenames.js';

export const filenamesDescriptor = defineOperator({
  type: 'filenames',
  label: 'New files',
  category: 'source',
  doc:
    'Watches a directory (or a glob such as `/data/*.csv`) and emits the full path of every new ' +
    'file, sorted by name, on each poll: the files already there first, then each file as it ' +
    'appears. A name is emitted once per run, even if the file is deleted and created again. ' +
    'Wildcards skip names starting with a dot. Example: `/data/in` emits "/data/in/a.csv", ' +
    '"/data/in/b.csv", then later files.',
  example: 'Stream.filenames("/data/in/*.csv")',
  inputs: { min: 0, max: 0 },
  outputs: 1,
  keyParam: 'path',
  source: true,
  needs: { fileRead: 'path' },
  params: [
    {
      name: 'path',
      label: 'Directory or glob',
      kind: 'string',
      required: true,
      min: 1,
      max: 4096,
      placeholder: '/data/in/*.csv',
      doc: 'A directory (every file in it) or a pattern with *, ? or [...].',
    },
    {
      name: 'pollInterval',
      label: 'Poll interval',
      kind: 'duration',
      default: 100,
      min: 1,
      max: 86_400_000,
      doc: 'Milliseconds between two looks at the directory.',
    },
  ],
  build: (ctx) =>
    onHost(
      ctx,
      () => new FilenamesSource(ctx.params.path, { pollInterval: ctx.params.pollInterval, scheduler: ctx.host.scheduler }),
    ),
  toTypeScript: (ctx) =>
    `Stream.filenames(${args(ctx.code('path'), ctx.params.pollInterval !== 100 && `{ pollInterval: ${ctx.code('pollInterval')} }`)})`,
  toPython: (ctx) =>
    `Stream.filenames(${args(ctx.code('path'), ctx.params.pollInterval !== 100 && `poll_interval=${pySeconds(ctx, 'pollInterval')}`)})`,
});
