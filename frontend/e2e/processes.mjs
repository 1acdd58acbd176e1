// Processes of the end-to-end scripts: one-shot commands, free loopback ports, and long-running
// children each in a process group of its own, all stopped at the end (SIGTERM, SIGKILL after 20 s).
// The group ids also go to IAL_E2E_PIDFILE, so the pytest wrapper can stop them if a script cannot.
// And the walks' stack: a PostgreSQL database of their own, the built front end, the Django server's
// environment, users, a test clip, the server on a free port, and the clean-up at the end.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";

export const FRONTEND = fileURLToPath(new URL("..", import.meta.url));
export const ROOT = resolve(FRONTEND, "..");
export const WEB = join(ROOT, "web");
export const PY = process.env.IAL_PYTHON ?? join(ROOT, ".venv", "bin", "python");
export const ARTIFACTS = join(ROOT, "tests", "artifacts");
export const PG_URL = (process.env.IAL_E2E_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432").replace(/\/+$/, "");

/** Run a command to its end; its stdout, or an error with both outputs. */
export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** A TCP port free on 127.0.0.1 now. */
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The last `n` characters of `<logDir>/<name>.log` ("" when it cannot be read). */
export function logTail(logDir, name, n) {
  try {
    return readFileSync(join(logDir, `${name}.log`), "utf8").slice(-n);
  } catch {
    return "";
  }
}

/**
 * `fn()`'s first truthy value, asked every `everyMs` ms. Throws after `timeoutMs` ms, or as soon as a process of
 * `watch` (`{ name, child }`, its log `<logDir>/<name>.log`) has exited, with the end of its log.
 */
export async function waitFor(what, fn, { timeoutMs, everyMs = 500, watch = [], logDir = "" }) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    for (const { name, child } of watch) {
      if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}) while waiting for ${what}:\n${logTail(logDir, name, 4000)}`);
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

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

/** Create (`CREATE DATABASE`) or drop (`DROP DATABASE IF EXISTS … WITH (FORCE)`) the PostgreSQL database `name`. */
export function database(verb, name) {
  const sql = verb === "create" ? `CREATE DATABASE "${name}"` : `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`;
  run(PY, ["-c", `import psycopg\nwith psycopg.connect(${JSON.stringify(PG_URL + "/postgres")}, autocommit=True) as c: c.execute('${sql}')`], { cwd: ROOT });
}

/** The front end built with vite into `outDir`. */
export async function buildFrontend(outDir) {
  await build({ configFile: join(FRONTEND, "vite.config.ts"), root: FRONTEND, logLevel: "warn", build: { outDir, emptyOutDir: true } });
}

/**
 * The Django server's environment of a walk: its own database, secret key, media and state folders under `tmp`,
 * the built front end `dist`, a Celery queue of its own named after `prefix`, offline; `extra` added.
 */
export function walkEnv({ tmp, dbName, dist, prefix, extra = {} }) {
  const env = {
    ...process.env,
    DJANGO_SETTINGS_MODULE: "interview_ai_lab_web.settings",
    DATABASE_URL: `${PG_URL}/${dbName}`,
    SECRET_KEY: `walk-${randomBytes(16).toString("hex")}`,
    DEBUG: "false",
    MEDIA_ROOT: join(tmp, "media"),
    IAL_STATE_DIR: join(tmp, "var"),
    IAL_FRONTEND_DIST: dist,
    IAL_CELERY_QUEUE: `${prefix}-${randomBytes(6).toString("hex")}`,
    ...extra,
    HF_HUB_OFFLINE: "1",
    IAL_OFFLINE: "1",
    PYTHONUNBUFFERED: "1",
  };
  delete env.CELERY_RESULT_BACKEND;
  return env;
}

/** The schema migrated and `users` created, each with `password`. */
export function migrateWithUsers(env, users, password) {
  run(PY, ["manage.py", "migrate", "--noinput", "-v", "0"], { cwd: WEB, env });
  const create = users.map((u) => `get_user_model().objects.create_user(${JSON.stringify(u)}, password=${JSON.stringify(password)})`).join("; ");
  run(PY, ["manage.py", "shell", "-c", `from django.contrib.auth import get_user_model; ${create}`], { cwd: WEB, env });
}

/** A 48 s test-pattern clip (160×120, 5 fps, H.264) written to `path` with the project's ffmpeg. */
export function testClip(path) {
  const ffmpeg = run(PY, ["-c", "from interview_ai_lab.media.ffmpeg import find_ffmpeg; print(find_ffmpeg().path)"], { cwd: ROOT }).trim();
  run(ffmpeg, ["-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=5:duration=48", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-movflags", "+faststart", path]);
}

/** Django's runserver started on a free port (output to `<logDir>/server.log`), once it answers; its base URL. */
export async function startServer(procs, env, logDir) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = procs.start("server", PY, ["manage.py", "runserver", `127.0.0.1:${port}`, "--noreload"], { cwd: WEB, env });
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/api/auth/csrf/`)).ok) break;
    } catch {
      /* not yet */
    }
    if (server.exitCode !== null || i > 180) throw new Error(`the server did not start:\n${readFileSync(join(logDir, "server.log"), "utf8").slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return base;
}

/** Run a walk's `main`, then stop its processes, drop its database and remove `tmp` (also on SIGTERM); exit 0, or 1. */
export function runWalk(main, { procs, dbName, tmp, log }) {
  const cleanup = async () => {
    await procs.stopAll();
    try {
      database("drop", dbName);
    } catch (e) {
      log(`could not drop ${dbName}: ${e.message}`);
    }
    rmSync(tmp, { recursive: true, force: true });
  };
  process.on("SIGTERM", () => cleanup().then(() => process.exit(143)));
  main().then(
    () => cleanup().then(() => process.exit(0)),
    (e) => {
      console.error(e.stack ?? String(e));
      return cleanup().then(() => process.exit(1));
    },
  );
}
