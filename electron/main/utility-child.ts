// How the app starts the children that read hostile files: Electron's utilityProcess, the
// counterpart of child_process.fork that Electron recommends in its main process (a plain fork
// there would start the Electron binary itself with ELECTRON_RUN_AS_NODE). Registered with
// electron/services/isolation/spawn-child.ts at launch.
//
// Type-checked against electron.d.ts. The Electron binary is not installed where this was written:
// tests/integration/main/composition-root.test.ts runs the built main process with this starter
// against a stand-in utilityProcess made of child_process.fork (tests/integration/main/fake-electron.ts),
// so the real one has not run. What the child does is the same on both (child-port.ts).
import { app, utilityProcess } from 'electron';
import type { Child, ChildStarter } from '../services/isolation/spawn-child.ts';

export const startUtilityChild: ChildStarter = (modulePath, opts, on, h) => {
  const up = utilityProcess.fork(modulePath, [], {
    serviceName: opts.name,
    // Node's own flag, which a utility process honours like any Node process.
    execArgv: [`--max-old-space-size=${opts.heapMb}`],
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (opts.background) up.once('spawn', () => h.lowerPriority(up.pid, opts.nice));
  let stderr = '';
  up.stderr?.setEncoding('utf8');
  up.stderr?.on('data', (s: string) => {
    stderr = (stderr + s).slice(-h.stderrTail);
  });
  let exited = false;
  let fatal = false;
  const child: Child = {
    get pid() {
      return up.pid;
    },
    send(message) {
      if (!exited) up.postMessage(message);
    },
    rssBytes() {
      const linux = h.procRss(up.pid);
      if (linux !== null) return linux;
      // Elsewhere Electron measures its own child processes (workingSetSize is in KB).
      const m = app.getAppMetrics().find((p) => p.pid === up.pid);
      return m ? m.memory.workingSetSize * 1024 : null;
    },
    kill() {
      // SIGTERM on POSIX: nothing in the child handles it, so even a child stuck in a
      // synchronous loop ends. Before it has a pid Electron's kill does nothing (returns
      // false), so a child asked to end that early ends as soon as it has started.
      if (exited) return;
      if (up.pid === undefined) up.once('spawn', () => up.kill());
      else up.kill();
    },
  };
  h.track(child);
  up.on('message', (m: unknown) => on.onMessage(m));
  // Electron's word for V8's fatal errors, the heap limit among them.
  up.on('error', () => {
    fatal = true;
  });
  up.on('exit', (code: number) => {
    exited = true;
    h.untrack(child);
    on.onExit({ code, signal: null, outOfMemory: fatal || h.exitMeansOutOfMemory(code, null, stderr) });
  });
  return child;
};
