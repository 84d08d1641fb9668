import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { registerSource } from '../core/stream.js';
import type { SourceOptions } from '../sources/source.js';
import { ListeningSource } from './listeningSource.js';

export interface FromHttpServerOptions extends SourceOptions {
  /** A regular expression the whole request path must match (default `/.*`: any). */
  path?: string;
  /** The address to listen on (default `127.0.0.1`; `0.0.0.0` for every interface). */
  host?: string;
  /** Largest body accepted, in bytes (default 1 MiB); larger ones get 413. */
  maxBodyBytes?: number;
}

/**
 * streamz's `Stream.from_http_server(port, path='/.*')`: an HTTP server that emits the body of
 * every POST to a matching path.
 *
 * - streamz emits the body as bytes; here it is decoded as UTF-8 and a string is emitted.
 * - The answer (200 `OK`) is sent once downstream has finished with the body (its promise
 *   settled), so a slow graph slows its clients down (back-pressure). An error downstream answers
 *   500 and is reported.
 * - `path` is matched against the whole path, without the query string, as tornado does; other
 *   paths get 404 and other methods on a matching path 405.
 * - Unlike streamz (every interface, bodies up to 100 MB), it listens on 127.0.0.1 unless `host`
 *   says otherwise, and bodies over `maxBodyBytes` get 413.
 * - `stop()` stops listening and closes the open connections.
 */
export class FromHttpServerSource extends ListeningSource<string> {
  readonly path: string;
  readonly maxBodyBytes: number;
  private readonly pathRe: RegExp;

  constructor(requestedPort: number, options: FromHttpServerOptions = {}) {
    super(requestedPort, options);
    this.path = options.path ?? '/.*';
    this.pathRe = new RegExp(`^(?:${this.path})$`);
    this.maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  }

  protected override createServer(): Server {
    return createServer((req, res) => this.handle(req, res));
  }

  protected override dropConnections(server: Server | null): void {
    server?.closeAllConnections();
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0]!;
    if (!this.pathRe.test(path)) return answer(res, 404, 'Not Found');
    if (req.method !== 'POST') return answer(res, 405, 'Method Not Allowed');
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > this.maxBodyBytes) {
        answer(res, 413, 'Payload Too Large');
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (res.headersSent || this.stopped) return;
      const body = Buffer.concat(chunks).toString('utf8');
      let failed = false;
      let pending: Promise<unknown> | undefined;
      try {
        pending = this._emit(body);
      } catch (error) {
        failed = true;
        this.report(error);
      }
      if (pending === undefined) return answer(res, failed ? 500 : 200, failed ? 'Internal Server Error' : 'OK');
      const since = this.scheduler.now();
      pending.then(
        () => {
          this.backpressureMs += this.scheduler.now() - since;
          answer(res, 200, 'OK');
        },
        (error: unknown) => {
          this.report(error);
          answer(res, 500, 'Internal Server Error');
        },
      );
    });
    req.on('error', () => {});
  }

  override get kind(): string {
    return 'from_http_server';
  }
}

function answer(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/** `Stream.fromHttpServer(port, options)` as a plain function. */
export function fromHttpServer(port: number, options?: FromHttpServerOptions): FromHttpServerSource {
  return new FromHttpServerSource(port, options);
}

declare module '../core/stream.js' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Stream {
    /** An HTTP server emitting the body of every POST (streamz's from_http_server). */
    function fromHttpServer(port: number, options?: FromHttpServerOptions): FromHttpServerSource;
  }
}

registerSource('fromHttpServer', fromHttpServer);
