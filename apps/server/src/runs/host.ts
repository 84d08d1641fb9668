// The entry point of a run's process (forked by RunProcess). It compiles the graph it is sent,
// runs it, and sends one telemetry message per tick (with the `log` sinks' lines since the last
// one, bounded by LogOutput). Only control, telemetry and the run's output cross the IPC channel,
// never elements.
import { NodeFailure } from '@streamloom/engine/graph';
import { BUSY_FD, type FromHost, type ToHost } from './messages.js';
import { LogOutput } from './logOutput.js';
import { createRuntime, errorText, type Runtime } from './runtime.js';

let runtime: Runtime | null = null;
let timer: ReturnType<typeof setInterval> | null = null;
let sending = false;
let exiting = false;
const output = new LogOutput();

function send(msg: FromHost, then?: () => void): void {
  if (!process.connected) return then?.();
  process.send!(msg, undefined, {}, () => then?.());
}

/** Sends the tick unless the previous one is still on its way: a slow server gets the newest. */
function tick(): void {
  if (runtime === null || sending) return;
  sending = true;
  send(tickMessage(runtime), () => {
    sending = false;
  });
}

/** The frame, the samples and the output lines since the last tick. */
function tickMessage(r: Runtime): FromHost {
  const { frame, samples } = r.tick();
  const log = output.take();
  return log === undefined ? { type: 'tick', frame, samples } : { type: 'tick', frame, samples, log };
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
    if (runtime !== null) send(tickMessage(runtime));
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
        // The `log` sinks' lines go to the server with the next tick, at a bounded rate.
        log: output.write,
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
        if (runtime !== null) send(tickMessage(runtime));
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
