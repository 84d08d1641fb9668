/**
 * Runs exported programs: many TypeScript programs in one tsx process and many Python programs in
 * one streamz process, each program's output delimited, so a corpus of hundreds of graphs costs
 * two process starts. Programs are written to `test/export/.tmp/` (inside the engine package, so
 * tsx compiles them as ES modules and they import the engine's sources by path).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PYTHON = process.env.STREAMZ_PYTHON || '/usr/bin/python3';
export const APT_COMMAND = 'apt-get install -y python3-streamz';
export const TMP = fileURLToPath(new URL('./.tmp/', import.meta.url));
export const ENGINE_SOURCE = fileURLToPath(new URL('../../src/index.ts', import.meta.url));
export const ENGINE_NODE_SOURCE = fileURLToPath(new URL('../../src/node/index.ts', import.meta.url));
const MARK = '\u001e';

/** Throws, with the command that fixes it, when the interpreter cannot import streamz. */
export function assertStreamz(): void {
  const r = spawnSync(PYTHON, ['-c', 'import streamz'], { encoding: 'utf8' });
  if (r.error !== undefined || r.status !== 0) {
    const why = r.error?.message ?? r.stderr.trim().split('\n').pop() ?? `exit status ${r.status}`;
    throw new Error(
      `The export tests run the exported Python on the real streamz, but ${PYTHON} cannot import it (${why}). ` +
        `Install it with: ${APT_COMMAND}`,
    );
  }
}

/** What one program printed, or how it failed. */
export interface ProgramRun {
  lines: string[];
  error?: string;
}

/** A fresh directory under .tmp for one batch. */
export function batchDir(name: string): string {
  const dir = join(TMP, `${name}-${process.pid}-${Date.now().toString(36)}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function removeDir(dir: string): void {
  if (!process.env.KEEP_EXPORT_TMP) rmSync(dir, { recursive: true, force: true });
}

function run(command: string, args: string[], cwd: string, timeoutMs: number): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code });
    });
  });
}

/** Splits a driver's output into each program's lines. */
function split(stdout: string, count: number, stderr: string): ProgramRun[] {
  const runs: ProgramRun[] = Array.from({ length: count }, () => ({ lines: [], error: 'did not run' }));
  let current: ProgramRun | undefined;
  for (const line of stdout.split('\n')) {
    if (line.startsWith(MARK)) {
      const [tag, k, ...rest] = line.slice(1).split(' ');
      const run = runs[Number(k)];
      if (run === undefined) continue;
      if (tag === 'BEGIN') {
        current = run;
        delete run.error;
      } else if (tag === 'ERROR') run.error = rest.join(' ') || 'error';
      continue;
    }
    if (current !== undefined) current.lines.push(line);
  }
  for (const r of runs) if (r.lines.at(-1) === '') r.lines.pop();
  if (runs.some((r) => r.error === 'did not run')) {
    for (const r of runs) if (r.error === 'did not run') r.error = `did not run (driver stderr: ${stderr.slice(-2000)})`;
  }
  return runs;
}

/**
 * Runs TypeScript programs one after the other in one tsx process. Each ends when Node would
 * have exited (no timer or immediate left) or, past `perProgramMs`, is reported as still running.
 */
export async function runTypeScriptBatch(programs: readonly string[], dir: string, perProgramMs = 5000): Promise<ProgramRun[]> {
  const files = programs.map((code, k) => {
    const file = join(dir, `g${k}.ts`);
    writeFileSync(file, code);
    return file;
  });
  const driver = join(dir, 'driver.ts');
  writeFileSync(
    driver,
    `import { pathToFileURL } from 'node:url';
const files: string[] = ${JSON.stringify(files)};
const busy = () => process.getActiveResourcesInfo().some((r) => r === 'Timeout' || r === 'Immediate');
const tick = () => new Promise((resolve) => setImmediate(resolve));
for (let k = 0; k < files.length; k++) {
  process.stdout.write('${MARK}BEGIN ' + k + '\\n');
  try {
    await import(pathToFileURL(files[k]!).href);
    const end = Date.now() + ${perProgramMs};
    do await tick();
    while (busy() && Date.now() < end);
    if (busy()) process.stdout.write('${MARK}ERROR ' + k + ' still running after ${perProgramMs} ms\\n');
  } catch (error) {
    process.stdout.write('${MARK}ERROR ' + k + ' ' + String(error).replace(/\\n/g, ' ') + '\\n');
  }
}
process.exit(0);
`,
  );
  const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', driver], dir, 60_000 + programs.length * perProgramMs);
  return split(stdout, programs.length, stderr);
}

/**
 * Runs Python programs one after the other in one streamz process (runpy, as `__main__`), each
 * on a thread given at most `perProgramMs` to finish.
 */
export async function runPythonBatch(programs: readonly string[], dir: string, perProgramMs = 5000): Promise<ProgramRun[]> {
  const files = programs.map((code, k) => {
    const file = join(dir, `g${k}.py`);
    writeFileSync(file, code);
    return file;
  });
  const driver = join(dir, 'driver.py');
  writeFileSync(
    driver,
    `import json, logging, runpy, sys, threading, traceback
import streamz  # imported once, before the clock of the first program starts
logging.getLogger('tornado').setLevel(logging.CRITICAL)
logging.getLogger('streamz').setLevel(logging.CRITICAL)
files = json.loads(${JSON.stringify(JSON.stringify(files))})
for k, path in enumerate(files):
    print('${MARK}BEGIN %d' % k, flush=True)
    failure = []
    def main():
        try:
            runpy.run_path(path, run_name='__main__')
        except BaseException as e:
            failure.append(''.join(traceback.format_exception_only(type(e), e)).strip().replace('\\n', ' '))
    thread = threading.Thread(target=main, daemon=True)
    thread.start()
    thread.join(${perProgramMs / 1000})
    if thread.is_alive():
        print('${MARK}ERROR %d still running after ${perProgramMs} ms' % k, flush=True)
    elif failure:
        print('${MARK}ERROR %d %s' % (k, failure[0]), flush=True)
sys.stdout.flush()
`,
  );
  const { stdout, stderr } = await run(PYTHON, [driver], dir, 60_000 + programs.length * perProgramMs);
  return split(stdout, programs.length, stderr);
}

/** Runs one program alone for at most `ms`, then kills it: for graphs that run on a clock. */
export async function runAlone(language: 'ts' | 'py', code: string, dir: string, ms: number): Promise<ProgramRun> {
  const file = join(dir, `alone-${Math.random().toString(36).slice(2)}.${language}`);
  writeFileSync(file, code);
  const [command, args] = language === 'ts' ? [process.execPath, ['--import', 'tsx', file]] : [PYTHON, [file]];
  const { stdout, stderr, code: exit } = await run(command, args, dir, ms);
  const lines = stdout.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return exit === 0 ? { lines } : { lines, error: exit === null ? `killed after ${ms} ms` : `exit ${exit}: ${stderr.slice(-2000)}` };
}

/**
 * Runs TypeScript programs one after the other in one tsx process, each on its own virtual clock
 * for `ms` virtual milliseconds: the default scheduler is set to a fresh VirtualScheduler before
 * each program is imported, so its nodes take it (and its timers never fire after its turn).
 */
export async function runTypeScriptVirtualBatch(programs: readonly string[], dir: string, ms: number): Promise<ProgramRun[]> {
  const files = programs.map((code, k) => {
    const file = join(dir, `virtual${k}.ts`);
    writeFileSync(file, code);
    return file;
  });
  const driver = join(dir, 'virtual-driver.ts');
  writeFileSync(
    driver,
    `import { pathToFileURL } from 'node:url';
import { VirtualScheduler, setDefaultScheduler } from ${JSON.stringify(ENGINE_SOURCE)};
const files: string[] = ${JSON.stringify(files)};
for (let k = 0; k < files.length; k++) {
  process.stdout.write('${MARK}BEGIN ' + k + '\\n');
  try {
    const clock = new VirtualScheduler();
    setDefaultScheduler(clock);
    await import(pathToFileURL(files[k]!).href);
    await clock.advance(${ms});
  } catch (error) {
    process.stdout.write('${MARK}ERROR ' + k + ' ' + String(error).replace(/\\n/g, ' ') + '\\n');
  }
}
process.exit(0);
`,
  );
  const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', driver], dir, 120_000);
  return split(stdout, programs.length, stderr);
}

/**
 * Runs one Python program for `ms` real milliseconds from its start (streamz imported before the
 * clock starts), or until it ends, and keeps what it printed.
 */
export async function runPythonFor(code: string, dir: string, ms: number): Promise<ProgramRun> {
  const name = `timed-${Math.random().toString(36).slice(2)}`;
  const file = join(dir, `${name}.py`);
  writeFileSync(file, code);
  const driver = join(dir, `${name}-driver.py`);
  writeFileSync(
    driver,
    `import logging, os, runpy, sys, threading, traceback
import streamz
logging.getLogger('tornado').setLevel(logging.CRITICAL)
failure = []
def main():
    try:
        runpy.run_path(${JSON.stringify(file)}, run_name='__main__')
    except BaseException as e:
        failure.append(''.join(traceback.format_exception_only(type(e), e)).strip())
thread = threading.Thread(target=main, daemon=True)
thread.start()
thread.join(${ms / 1000})
sys.stdout.flush()
if failure:
    sys.stderr.write(failure[0])
    os._exit(1)
os._exit(0)
`,
  );
  const { stdout, stderr, code: exit } = await run(PYTHON, [driver], dir, ms + 60_000);
  const lines = stdout.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return exit === 0 ? { lines } : { lines, error: `exit ${exit}: ${stderr.slice(-2000)}` };
}
