// Worker thread of a run host: reports the node whose user code is running (see BusyMarker).
import { writeSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

const { buffer, fd } = workerData as { buffer: SharedArrayBuffer; fd: number };
const cell = new Int32Array(buffer);
const names = new Map<number, string>();
parentPort?.on('message', (m: { idx: number; nodeId: string }) => {
  names.set(m.idx, m.nodeId);
});

let last = 0;
let quiet = 0;
setInterval(() => {
  const idx = Atomics.load(cell, 0);
  // On every change, and every half second while a node stays busy.
  if (idx === last && (idx === 0 || ++quiet < 10)) return;
  quiet = 0;
  last = idx;
  const line = JSON.stringify({ busy: idx === 0 ? null : (names.get(idx) ?? null) }) + '\n';
  try {
    writeSync(fd, line);
  } catch {
    // The server went away or its pipe is full: nothing to report to.
  }
}, 50);
