// The entry point of a run's process (forked by RunProcess). It compiles the graph it is sent,
// runs it, and sends one telemetry message per tick. Only control and telemetry cross the IPC
// channel, never elements.
import { NodeFailure } from '@streamloom/engine/graph';
import { BUSY_FD, type FromHost, type ToHost } from './messages.js';
import { createRuntime, errorText, type Runtime } from './runtime.js';

let runtime: Runtime | null = null;
let timer: ReturnType<typeof setInterval> | null = null;
let sending = false;
let exiting = false;

function send(msg: FromHost, then?: () => void): void {
  if (!process.connected) return then?.();
  process.send!(msg, undefined, {}, () => then?.());
}

/** Sends the tick unless the previous one is still on its way: a slow server gets the newest. */
function tick(): void {
  if (runtime === null || sending) return;
  const { frame, samples } = runtime.tick();
  sending = true;
  send({ type: 'tick', frame, samples }, () => {
    sending = false;
  });
}

function exit(code: number): void {
  if (exiting) return;
  exiting = true;
  if (timer !== null) clearInterval(timer);
  // Leave once the last messages are out.
  send({ type: 'stopped' }, () => process.exit(code));
  setTimeout(() => process.exit(code), 1000).unref();
}

function fail(reason: string, nodeId: string | undefined): void {
  if (exiting) return;
  try {
    runtime?.stop();
    if (runtime !== null) send({ type: 'tick', ...runtime.tick() });
  } catch {
    // the failure is what matters
  }
  const msg: FromHost = { type: 'failed', reason };
  if (nodeId !== undefined) msg.nodeId = nodeId;
  send(msg);
  exit(1);
}

async function onMessage(msg: ToHost): Promise<void> {
  switch (msg.type) {
    case 'start': {
      if (runtime !== null) return;
      const created = createRuntime({
        runId: msg.runId,
        graph: msg.graph,
        // Output lines stay in the process: the editor sees a sink's values through `inspect`.
        log: () => {},
        onFailure: fail,
        busyFd: BUSY_FD,
      });
      if (!created.ok) {
        send({ type: 'compileFailed', issues: created.issues }, () => process.exit(1));
        return;
      }
      runtime = created.runtime;
      timer = setInterval(tick, msg.tickMs);
      send({ type: 'started' });
      try {
        runtime.start();
      } catch (error) {
        fail(`the graph failed to start: ${errorText(error)}`, undefined);
      }
      return;
    }
    case 'stop': {
      try {
        runtime?.stop();
        if (runtime !== null) send({ type: 'tick', ...runtime.tick() });
      } finally {
        exit(0);
      }
      return;
    }
    case 'emit': {
      if (runtime === null) return send({ type: 'emitted', id: msg.id, error: 'the run has not started' });
      try {
        await runtime.emit(msg.nodeId, msg.json);
        send({ type: 'emitted', id: msg.id });
      } catch (error) {
        send({ type: 'emitted', id: msg.id, error: errorText(error) });
      }
      return;
    }
    case 'inspect':
      runtime?.inspect(msg.nodeId, msg.on);
      return;
  }
}

process.on('message', (msg: ToHost) => {
  void onMessage(msg);
});
// The server went away: nobody is left to report to.
process.on('disconnect', () => process.exit(0));
process.on('uncaughtException', (error) => fail(`the run's host failed: ${errorText(error)}`, undefined));
process.on('unhandledRejection', (error) => {
  // A rejection nobody awaited: fatal only when a node failed for good.
  if (error instanceof NodeFailure) fail(error.message, error.nodeId);
});
