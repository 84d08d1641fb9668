import type { Server } from 'node:net';
import type { SourceOptions } from '../sources/source.js';
import { PushSource } from './pushSource.js';

/**
 * A push source that is a server (TCP, HTTP): it listens on `requestedPort` at `host` while
 * started, and stops listening (and drops its connections) when stopped. Port 0 picks a free
 * port, readable from `port` once `listening` has settled.
 */
export abstract class ListeningSource<T> extends PushSource<T> {
  readonly host: string;
  private server: Server | null = null;
  private boundPort: number | null = null;
  /** Settles when the server listens (with its port) or failed to. */
  listening: Promise<number> = Promise.resolve(0);
  /** Settles when the last stop has closed the server. */
  closed: Promise<void> = Promise.resolve();

  constructor(
    readonly requestedPort: number,
    options: SourceOptions & { host?: string },
  ) {
    super(options);
    if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65535) {
      throw new RangeError(`${this.kind}: port must be an integer in 0..65535, got ${String(requestedPort)}`);
    }
    this.host = options.host ?? '127.0.0.1';
  }

  /** The port listened on (the one picked when 0 was asked), or null when not listening. */
  get port(): number | null {
    return this.boundPort;
  }

  /** A new server whose connections this source handles; not yet listening. */
  protected abstract createServer(): Server;

  /** Drops the open connections when the source stops (`server` is null if it never listened). */
  protected abstract dropConnections(server: Server | null): void;

  protected override open(): void {
    const server = this.createServer();
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
    if (server !== null) this.closed = new Promise<void>((resolve) => server.close(() => resolve()));
    this.dropConnections(server);
  }

  protected override describe(): string {
    return String(this.boundPort ?? this.requestedPort);
  }
}
