// @ts-check
// Servers and tools the tests and benchmarks start: a free loopback port, waiting for a URL to
// answer, and child processes that are always stopped by PID (or by process group, for servers
// such as `next start` and wrangler that run their work in children of their own).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A free TCP port on 127.0.0.1. */
export async function freePort() {
  const server = createServer();
  await new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(undefined)));
  const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  await new Promise((ok) => server.close(() => ok(undefined)));
  return port;
}

/** Polls `url` until it answers (any status), for at most `ms`. */
export async function waitFor(/** @type {string} */ url, ms = 60_000) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      await fetch(url);
      return;
    } catch (e) {
      if (Date.now() > end) throw new Error(`${url} did not answer within ${ms} ms: ${e}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** The first line a process printed on stdout, once it has printed one. */
export const firstLine = (/** @type {string} */ stdout) => (stdout.includes('\n') ? stdout.split('\n')[0] : undefined);

/**
 * The processes one test file starts. `start` resolves `ready` with what `readyFrom` finds in the
 * output (by default the first stdout line) and rejects it if the process exits first; `stop` ends
 * one (by PID, or its whole group when started with `detached: true`) and waits for it;
 * `stopAll` is for the file's `after` hook.
 */
export function processes() {
  /** @type {Set<import('node:child_process').ChildProcess>} */
  const children = new Set();
  /** Children started in a process group of their own (`startGroup`): signalled as a group. */
  const groups = new WeakSet();
  const target = (/** @type {import('node:child_process').ChildProcess} */ child) =>
    groups.has(child) ? -(/** @type {number} */ (child.pid)) : /** @type {number} */ (child.pid);

  /**
   * @template T
   * @param {string} cmd @param {string[]} args @param {import('node:child_process').SpawnOptions} [opts]
   * @param {(stdout: string, stderr: string) => T | undefined} [readyFrom]
   */
  function start(cmd, args, opts = {}, readyFrom = /** @type {any} */ (firstLine)) {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    children.add(child);
    child.on('exit', () => children.delete(child));
    let stdout = '';
    let stderr = '';
    /** @type {Promise<T>} */
    const ready = new Promise((ok, fail) => {
      const look = () => {
        const found = readyFrom(stdout, stderr);
        if (found !== undefined) ok(found);
      };
      child.stdout?.on('data', (d) => ((stdout += d), look()));
      child.stderr?.on('data', (d) => ((stderr += d), look()));
      child.on('exit', (code) => fail(new Error(`${cmd} ${args.join(' ')} exited (${code}) before it was ready:\n${stdout}${stderr}`)));
    });
    ready.catch(() => {}); // awaited by callers that need it; an exit after the test is normal
    return { child, ready, stdout: () => stdout, stderr: () => stderr, output: () => stdout + stderr };
  }

  /** Stops `child` (its process group when it was started detached) and waits for it to exit. */
  async function stop(/** @type {import('node:child_process').ChildProcess} */ child, signal = /** @type {NodeJS.Signals} */ ('SIGTERM')) {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
    const exited = new Promise((ok) => child.once('exit', ok));
    try {
      process.kill(target(child), signal);
    } catch {
      return; // already gone
    }
    await exited;
  }

  /** Kills every process still running (SIGKILL; the group of a detached one). */
  function stopAll() {
    for (const child of children) {
      try {
        if (child.pid) process.kill(target(child), 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }

  /**
   * Like `start`, in a process group of its own, so that `stop` also ends what it started.
   * @template T
   * @param {string} cmd @param {string[]} args @param {import('node:child_process').SpawnOptions} [opts]
   * @param {(stdout: string, stderr: string) => T | undefined} [readyFrom]
   */
  function startGroup(cmd, args, opts = {}, readyFrom) {
    const s = start(cmd, args, { ...opts, detached: true }, readyFrom);
    groups.add(s.child);
    return s;
  }

  return { start, startGroup, stop, stopAll };
}

/**
 * A workerd config (capnp) serving one Worker on 127.0.0.1:`port`: `dist/worker.js` plus each
 * `.wasm` module in `dist/`, with the given `bindings` entries (capnp text, e.g.
 * `(name = "SECRET", text = "…")`) and any further `worker` fields (`extra`).
 * @param {{ port: number, wasm: string[], bindings?: string[], extra?: string }} o
 */
export function workerdConfig({ port, wasm, bindings = [], extra = '' }) {
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "dist/worker.js"),
${wasm.map((m) => `    (name = "${m}", wasm = embed "dist/${m}"),`).join('\n')}
  ],
  compatibilityDate = "2025-01-01",
  bindings = [ ${bindings.join(', ')} ],${extra}
);
`;
}
