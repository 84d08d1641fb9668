import { createServer, type Server, type Socket } from 'node:net';
import { registerSource } from '../core/stream.js';
import type { SourceOptions } from '../sources/source.js';
import { ListeningSource } from './listeningSource.js';
import { Splitter } from './pushSource.js';

export interface FromTcpOptions extends SourceOptions {
  /** What separates the messages (default `'\n'`); kept at the end of every message. */
  delimiter?: string;
  /** The address to listen on (default `127.0.0.1`; `0.0.0.0` for every interface). */
  host?: string;
  /** Characters a connection may send without a delimiter before it is closed (default 1 MiB). */
  maxLength?: number;
}

/**
 * streamz's `Stream.from_tcp(port, delimiter=b'\n')`: a TCP server that, on every connection,
 * splits the incoming text on the delimiter and emits each message **with its delimiter**.
 *
 * - streamz emits bytes; here the bytes are decoded as UTF-8 (a character split across packets is
 *   decoded whole) and strings are emitted.
 * - It listens when started and stops listening when stopped, and then also closes the open
 *   connections (streamz leaves them open). `port` 0 picks a free port: see `port` and `listening`.
 * - Connections are read in parallel and their messages interleave; each connection is paused
 *   while downstream's promise for its message is pending (back-pressure per connection).
 * - A text after the last delimiter when a connection closes is dropped, as in streamz.
 * - Unlike streamz (every interface), it listens on 127.0.0.1 unless `host` says otherwise, and a
 *   connection that sends `maxLength` characters without a delimiter is closed (tornado's limit is
 *   100 MB).
 */
export class FromTcpSource extends ListeningSource<string> {
  readonly delimiter: string;
  readonly maxLength: number;
  private readonly sockets = new Set<Socket>();

  constructor(requestedPort: number, options: FromTcpOptions = {}) {
    super(requestedPort, options);
    this.delimiter = options.delimiter ?? '\n';
    if (this.delimiter.length === 0) throw new RangeError('from_tcp: delimiter must not be empty');
    this.maxLength = options.maxLength ?? 1024 * 1024;
  }

  protected override createServer(): Server {
    return createServer((socket) => this.accept(socket));
  }

  protected override dropConnections(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  private accept(socket: Socket): void {
    if (this.stopped) {
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    socket.setEncoding('utf8');
    const splitter = new Splitter(this.delimiter);
    const queue: string[] = [];
    let busy = false;
    const pump = (): void => {
      while (!busy && !this.stopped) {
        const message = queue.shift();
        if (message === undefined) return;
        const pending = this.deliver(message);
        if (pending !== undefined) {
          busy = true;
          socket.pause();
          void pending.then(() => {
            busy = false;
            if (!socket.destroyed) socket.resume();
            pump();
          });
        }
      }
    };
    socket.on('data', (text: string) => {
      queue.push(...splitter.push(text));
      if (splitter.pending.length > this.maxLength) {
        this.report(new Error(`from_tcp: a connection sent more than ${this.maxLength} characters without a delimiter`));
        splitter.take();
        socket.destroy();
      }
      pump();
    });
    socket.on('error', () => {});
    socket.on('close', () => this.sockets.delete(socket));
  }

  override get kind(): string {
    return 'from_tcp';
  }
}

/** `Stream.fromTcp(port, options)` as a plain function. */
export function fromTcp(port: number, options?: FromTcpOptions): FromTcpSource {
  return new FromTcpSource(port, options);
}

declare module '../core/stream.js' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Stream {
    /** A TCP server emitting every delimited message with its delimiter (streamz's from_tcp). */
    function fromTcp(port: number, options?: FromTcpOptions): FromTcpSource;
  }
}

registerSource('fromTcp', fromTcp);
