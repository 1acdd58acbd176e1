// Processes of the end-to-end scripts: one-shot commands, free loopback ports, and long-running
// children each in a process group of its own, all stopped at the end (SIGTERM, SIGKILL after 20 s).
// The group ids also go to IAL_E2E_PIDFILE, so the pytest wrapper can stop them if a script cannot.
import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, openSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

/** Run a command to its end; its stdout, or an error with both outputs. */
export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** A TCP port free on 127.0.0.1 now. */
export function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/** Children started with `start(name, cmd, args, {cwd, env})` (output to `<logDir>/<name>.log`), stopped by `stopAll()`. */
export function processGroups({ logDir, log, pidfile = process.env.IAL_E2E_PIDFILE }) {
  const children = [];
  function start(name, cmd, args, { cwd, env }) {
    const out = openSync(join(logDir, `${name}.log`), "a");
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", out, out], detached: true });
    children.push({ name, child });
    if (pidfile) appendFileSync(pidfile, `${child.pid}\n`);
    return child;
  }
  async function stopAll() {
    for (const { name, child } of children.reverse()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((r) => child.once("exit", r));
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        continue;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          /* gone */
        }
      }, 20000);
      await exited;
      clearTimeout(timer);
      log(`stopped ${name}`);
    }
  }
  return { start, stopAll };
}
