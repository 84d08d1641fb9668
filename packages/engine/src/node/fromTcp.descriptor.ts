import { args, defineOperator, onHost } from '../catalog/define.js';
import { hostParam, portParam } from './listenParams.js';
import { FromTcpSource } from './fromTcp.js';

export const fromTcpDescriptor = defineOperator({
  type: 'from_tcp',
  label: 'TCP server',
  category: 'source',
  doc:
    'Listens on a TCP port while the run is going and emits every message clients send, split on ' +
    'the delimiter and decoded as UTF-8, each with its delimiter at the end as in streamz ' +
    '(`printf "a\\nb\\n" | nc 127.0.0.1 4567` emits "a\\n" and "b\\n"). Several clients may send at ' +
    'once. It listens on 127.0.0.1 unless another address is given.',
  example: 'Stream.fromTcp(4567).map((s) => JSON.parse(s))',
  inputs: { min: 0, max: 0 },
  outputs: 1,
  keyParam: 'port',
  source: true,
  needs: { network: true },
  params: [
    portParam('TCP', '4567'),
    {
      name: 'delimiter',
      label: 'Delimiter',
      kind: 'string',
      default: '\n',
      min: 1,
      max: 100,
      doc: 'What separates the messages; kept at the end of every message.',
    },
    hostParam,
    {
      name: 'maxLength',
      label: 'Longest message',
      kind: 'integer',
      default: 1_048_576,
      min: 1,
      max: 104_857_600,
      doc: 'Characters a client may send without a delimiter before it is disconnected.',
    },
  ],
  build: (ctx) =>
    onHost(
      ctx,
      () =>
        new FromTcpSource(ctx.params.port, {
          delimiter: ctx.params.delimiter,
          host: ctx.params.host,
          maxLength: ctx.params.maxLength,
          scheduler: ctx.host.scheduler,
        }),
    ),
  toTypeScript: (ctx) => {
    const options: string[] = [];
    if (ctx.params.delimiter !== '\n') options.push(`delimiter: ${ctx.code('delimiter')}`);
    if (ctx.params.host !== '127.0.0.1') options.push(`host: ${ctx.code('host')}`);
    if (ctx.params.maxLength !== 1_048_576) options.push(`maxLength: ${ctx.code('maxLength')}`);
    return `Stream.fromTcp(${args(ctx.code('port'), options.length > 0 && `{ ${options.join(', ')} }`)})`;
  },
  // streamz emits bytes and listens on every interface; decoding makes the elements the same.
  toPython: (ctx) =>
    `Stream.from_tcp(${args(ctx.code('port'), ctx.params.delimiter !== '\n' && `delimiter=${ctx.code('delimiter')}.encode()`)})` +
    `.map(lambda b: b.decode('utf-8', 'replace'))`,
});
