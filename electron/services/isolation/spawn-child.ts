// Starts a child process that reads one hostile file (the PDF text extractor, the OCR page
// renderer) or runs the OCR engine on its pages, so that when V8 aborts on a heap limit — which it
// may do to the whole process when a worker thread fills its heap in a burst — only the child
// ends, never the app (and the engine's memory is not the app's: engine-host.ts).
//
// The one place that decides how a child is started:
// - plain Node (CLI, tests, benches): child_process.fork with the current execArgv (type
//   stripping, a test's --import preload) plus the heap cap, and 'advanced' serialization so
//   Uint8Array bytes cross as bytes;
// - the Electron main process: Electron's utilityProcess (its own recommendation: a
//   child_process.fork there would start the Electron binary with ELECTRON_RUN_AS_NODE). Services
//   never import electron, so the main process registers that starter here at launch
//   (electron/main/utility-child.ts, useChildStarter below).
//
// Every child started is ended when this process exits, and a child ends itself when its parent
// goes (child-port.ts), so no child outlives the app.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { BACKGROUND_NICE } from '../background-priority.ts';

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** V8 ran out of heap (its abort, the OS's OOM kill, or its own "heap limit" words on stderr). */
  outOfMemory: boolean;
}

export interface Child {
  readonly pid: number | undefined;
  send(message: unknown): void;
  /** Resident memory of the child in bytes, read without its cooperation; null where it cannot be. */
  rssBytes(): number | null;
  /** Ends the child at once (SIGKILL): it may be stuck in a synchronous loop. Idempotent. */
  kill(): void;
}

export interface ChildHandlers {
  onMessage(message: unknown): void;
  /** Called once, when the child is gone for whatever reason (also after kill()). */
  onExit(exit: ChildExit): void;
}

export interface SpawnOptions {
  /** V8's old-generation cap for the child, in MB (--max-old-space-size). */
  heapMb: number;
  /** Shown in the app's process list. */
  name: string;
  /** Background work (OCR's page drawing): the whole child runs below the app's priority. */
  background?: boolean;
  /** How far below, for background work (BACKGROUND_NICE unless said: OCR goes lower, OCR_NICE). */
  nice?: number;
}

const live = new Set<Child>();
let reaperInstalled = false;
function track(child: Child) {
  live.add(child);
  if (reaperInstalled) return;
  reaperInstalled = true;
  // Quit, a workspace closed by exiting, a test runner ending: no child survives its parent.
  process.once('exit', () => {
    for (const c of live) c.kill();
  });
}

/** How many children this process has alive now (tests check none is left behind). */
export function liveChildPids(): number[] {
  return [...live].map((c) => c.pid).filter((p): p is number => p !== undefined);
}

const STDERR_TAIL = 8 * 1024;
const SAYS_OUT_OF_MEMORY = /heap limit|heap out of memory|allocation failed/i;
const exitMeansOutOfMemory = (code: number | null, signal: NodeJS.Signals | null, stderr: string) =>
  signal === 'SIGABRT' || signal === 'SIGKILL' || code === 134 || code === 137 || SAYS_OUT_OF_MEMORY.test(stderr);

/** A whole process lowered by its pid: unlike a thread's own setpriority(0), this works on every platform. */
function lowerPriority(pid: number | undefined, nice: number = BACKGROUND_NICE): void {
  if (pid === undefined) return;
  try {
    os.setPriority(pid, Math.max(os.getPriority(pid), nice));
  } catch {
    // Not permitted (a sandbox) or already gone: it runs at normal priority.
  }
}

/** VmRSS from /proc (Linux): a plain file read, no help from the child needed. */
function procRss(pid: number | undefined): number | null {
  if (pid === undefined || process.platform !== 'linux') return null;
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'latin1'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * The flags of this process a child should share (type stripping, a preload), without those that
 * belong to this process alone (its debugger port, its own heap size, an -e script).
 */
function inheritedExecArgv(): string[] {
  const out: string[] = [];
  const argv = process.execArgv;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (/^--(inspect|debug)/.test(a) || a.startsWith('--max-old-space-size') || a.startsWith('--max-semi-space-size')) continue;
    if (a === '-e' || a === '--eval' || a === '-p' || a === '--print') {
      i++;
      continue;
    }
    if (/^--(eval|print)=/.test(a)) continue;
    out.push(a);
  }
  return out;
}

/** Starts a child some other way than child_process.fork (Electron's main process). */
export type ChildStarter = (modulePath: string, opts: SpawnOptions, on: ChildHandlers, helpers: StarterHelpers) => Child;

/** What a starter shares with the fork path: the same tracking, stderr reading and /proc reading. */
export interface StarterHelpers {
  track(child: Child): void;
  untrack(child: Child): void;
  exitMeansOutOfMemory(code: number | null, signal: NodeJS.Signals | null, stderr: string): boolean;
  procRss(pid: number | undefined): number | null;
  lowerPriority(pid: number | undefined, nice?: number): void;
  stderrTail: number;
}
const helpers: StarterHelpers = { track, untrack: (c) => void live.delete(c), exitMeansOutOfMemory, procRss, lowerPriority, stderrTail: STDERR_TAIL };

let starter: ChildStarter | null = null;
/** The Electron main process calls this once, before any workspace opens (tests put back the fork with null). */
export function useChildStarter(s: ChildStarter | null): void {
  starter = s;
}

export function spawnChild(modulePath: string, opts: SpawnOptions, on: ChildHandlers): Child {
  return starter ? starter(modulePath, opts, on, helpers) : spawnForked(modulePath, opts, on);
}

function spawnForked(modulePath: string, opts: SpawnOptions, on: ChildHandlers): Child {
  const cp: ChildProcess = fork(modulePath, [], {
    execArgv: [...inheritedExecArgv(), `--max-old-space-size=${opts.heapMb}`],
    serialization: 'advanced',
    // stdout is pdf.js's chatter at most (the CLI's --json owns ours); stderr is kept to tell a V8 abort.
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  if (opts.background) lowerPriority(cp.pid, opts.nice);
  let stderr = '';
  cp.stderr?.setEncoding('utf8');
  cp.stderr?.on('data', (s: string) => {
    stderr = (stderr + s).slice(-STDERR_TAIL);
  });
  let exited = false;
  const child: Child = {
    pid: cp.pid,
    send(message) {
      if (cp.connected) cp.send(message as never, (err) => void err);
    },
    rssBytes: () => procRss(cp.pid),
    kill() {
      if (!exited) cp.kill('SIGKILL');
    },
  };
  track(child);
  cp.on('message', (m) => on.onMessage(m));
  let spawned = false;
  let reported = false;
  const gone = (e: ChildExit) => {
    if (reported) return;
    reported = true;
    exited = true;
    live.delete(child);
    on.onExit(e);
  };
  cp.once('spawn', () => (spawned = true));
  // A fork that could not start at all (no Node at execPath, no file descriptors, no memory)
  // reports only an error, and Node's documentation says 'exit' may not follow: it is the
  // child's end all the same, or whoever waits on it would wait forever.
  cp.on('error', () => {
    if (!spawned) gone({ code: null, signal: null, outOfMemory: false });
  });
  cp.on('exit', (code, signal) => {
    exited = true;
    // stderr may still be flowing: its last words decide whether this was V8's heap abort.
    const finish = () => gone({ code, signal, outOfMemory: exitMeansOutOfMemory(code, signal, stderr) });
    if (cp.stderr && !cp.stderr.readableEnded) cp.stderr.once('end', finish);
    else finish();
  });
  return child;
}
