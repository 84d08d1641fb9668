import { args, defineOperator, onHost } from '../catalog/define.js';
import { hostParam, portParam } from './listenParams.js';
import { FromHttpServerSource } from './fromHttpServer.js';

export const fromHttpServerDescriptor = defineOperator({
  type: 'from_http_server',
  label: 'HTTP server',
  category: 'source',
  doc:
    'Listens for HTTP POSTs while the run is going and emits the body of each (decoded as UTF-8) ' +
    'once per request; the client gets 200 OK when the graph has finished with it. Other paths ' +
    'get 404, other methods 405. Example: `curl -d \'{"t": 21}\' http://127.0.0.1:8000/` emits ' +
    '\'{"t": 21}\'; follow with map(JSON.parse). It listens on 127.0.0.1 unless another address ' +
    'is given.',
  example: 'Stream.fromHttpServer(8000).map((body) => JSON.parse(body))',
  inputs: { min: 0, max: 0 },
  outputs: 1,
  keyParam: 'port',
  source: true,
  needs: { network: true },
  params: [
    portParam('HTTP', '8000'),
    {
      name: 'path',
      label: 'Path',
      kind: 'string',
      default: '/.*',
      min: 1,
      max: 1000,
      doc: 'A regular expression the whole request path must match.',
    },
    hostParam,
    {
      name: 'maxBodyBytes',
      label: 'Largest body',
      kind: 'integer',
      default: 1_048_576,
      min: 1,
      max: 104_857_600,
      doc: 'Bytes a request body may have; larger ones get 413.',
    },
  ],
  build: (ctx) =>
    onHost(
      ctx,
      () =>
        new FromHttpServerSource(ctx.params.port, {
          path: ctx.params.path,
          host: ctx.params.host,
          maxBodyBytes: ctx.params.maxBodyBytes,
          scheduler: ctx.host.scheduler,
        }),
    ),
  toTypeScript: (ctx) => {
    const options: string[] = [];
    if (ctx.params.path !== '/.*') options.push(`path: ${ctx.code('path')}`);
    if (ctx.params.host !== '127.0.0.1') options.push(`host: ${ctx.code('host')}`);
    if (ctx.params.maxBodyBytes !== 1_048_576) options.push(`maxBodyBytes: ${ctx.code('maxBodyBytes')}`);
    return `Stream.fromHttpServer(${args(ctx.code('port'), options.length > 0 && `{ ${options.join(', ')} }`)})`;
  },
  // streamz emits bytes and listens on every interface; decoding makes the elements the same.
  toPython: (ctx) =>
    `Stream.from_http_server(${args(ctx.code('port'), ctx.params.path !== '/.*' && `path=${ctx.code('path')}`)})` +
    `.map(lambda b: b.decode('utf-8', 'replace'))`,
});
