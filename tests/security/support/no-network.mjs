// Preloaded (node --import) into a process to prove it makes no network request: every way out
// (net, tls, http, https, fetch, WebSocket, dns) is replaced, in the main thread and in every worker
// thread (workers started from a file inherit --import), by a stand-in that writes the attempt to $CREDENCE_NET_LOG
// and throws. Child processes are covered too: a fork inherits --import through its execArgv
// (the app's children are started with this process's execArgv) and $CREDENCE_NET_LOG through its
// environment. Each thread of each process notes that it is covered, so a test can see which were.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import tls from 'node:tls';
import http from 'node:http';
import https from 'node:https';
import dns from 'node:dns';
import workerThreads, { threadId } from 'node:worker_threads';
import childProcess from 'node:child_process';

const LOG = process.env.CREDENCE_NET_LOG;
if (!LOG) throw new Error('no-network.mjs needs CREDENCE_NET_LOG');
const note = (what) => fs.appendFileSync(LOG, `${JSON.stringify({ pid: process.pid, thread: threadId, what })}\n`);
note('covered');

const refuse = (what) =>
  function blocked() {
    note(what);
    throw new Error(`Network blocked by the test: ${what}`);
  };

for (const name of ['connect', 'createConnection']) net[name] = refuse(`net.${name}`);
net.Socket.prototype.connect = refuse('net.Socket.connect');
tls.connect = refuse('tls.connect');
for (const name of ['request', 'get']) {
  http[name] = refuse(`http.${name}`);
  https[name] = refuse(`https.${name}`);
}
for (const name of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveNs', 'resolveTxt', 'resolveSrv', 'reverse']) {
  dns[name] = refuse(`dns.${name}`);
  if (dns.promises[name]) dns.promises[name] = refuse(`dns.promises.${name}`);
}
globalThis.fetch = refuse('fetch');
// Every thread started is noted with its id: a test checks each one was covered. (Node runs
// --import in workers started from a file, not in `eval` workers, which are noted as such.)
const Original = workerThreads.Worker;
workerThreads.Worker = class extends Original {
  constructor(file, options) {
    super(file, options);
    note(`started ${options?.eval ? 'eval' : 'file'} worker ${this.threadId}`);
  }
};
// Every process forked is noted with its pid, for the same check.
const originalFork = childProcess.fork;
childProcess.fork = function fork(...args) {
  const child = originalFork.apply(this, args);
  note(`started process ${child.pid}`);
  return child;
};
if (globalThis.WebSocket) globalThis.WebSocket = refuse('WebSocket');
if (globalThis.EventSource) globalThis.EventSource = refuse('EventSource');
syncBuiltinESMExports();
