import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { registerSource } from '../core/stream.js';
import type { SourceOptions } from '../sources/source.js';
import { PushSource } from './pushSource.js';

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
export class FromHttpServerSource extends PushSource<string> {
  readonly path: string;
  readonly host: string;
  readonly maxBodyBytes: number;
  private readonly pathRe: RegExp;
  private server: Server | null = null;
  private boundPort: number | null = null;
  /** Settles when the server listens (with its port) or failed to. */
  listening: Promise<number> = Promise.resolve(0);
  /** Settles when the last stop has closed the server. */
  closed: Promise<void> = Promise.resolve();

  constructor(
    readonly requestedPort: number,
    options: FromHttpServerOptions = {},
  ) {
    super(options);
    if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65535) {
      throw new RangeError(`from_http_server: port must be an integer in 0..65535, got ${String(requestedPort)}`);
    }
    this.path = options.path ?? '/.*';
    this.pathRe = new RegExp(`^(?:${this.path})$`);
    this.host = options.host ?? '127.0.0.1';
    this.maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  }

  /** The port listened on (the one picked when 0 was asked), or null when not listening. */
  get port(): number | null {
    return this.boundPort;
  }

  protected override open(): void {
    const server = createServer((req, res) => this.handle(req, res));
    this.server = server;
    this.listening = new Promise<number>((resolve, reject) => {
      server.on('error', (error) => {
        this.report(error);
        if (this.server === server) {
          this.server = null;
          this.stopped = true;
        }
        reject(error);
      });
      server.listen(this.requestedPort, this.host, () => {
        const address = server.address();
        this.boundPort = typeof address === 'object' && address !== null ? address.port : null;
        resolve(this.boundPort ?? 0);
      });
    });
    this.listening.catch(() => {});
  }

  protected override close(): void {
    const server = this.server;
    this.server = null;
    this.boundPort = null;
    if (server === null) return;
    this.closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
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

  protected override describe(): string {
    return String(this.boundPort ?? this.requestedPort);
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
