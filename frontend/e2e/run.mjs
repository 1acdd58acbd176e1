// End-to-end test of the recruiter app against the real stack, in real headless Chromium:
// PostgreSQL (a database of its own, created and dropped here), Redis, the Django server
// (runserver, serving the freshly built front end through IAL_FRONTEND_DIST) and a Celery worker
// running the real pipeline. A recruiter is refused a wrong password, signs in, is refused a
// non-video, drops a generated interview clip (default recruitment mode) and uploads it again
// through the file chooser in coaching mode, analyses both, waits for DONE, reads the coaching
// report (emotion timeline) and the recruitment one (radar chart, timeline, no emotion anywhere,
// figures equal to the report JSON, a transcript word and a nod marker seek the video), saves an
// assessment, switches language, deletes both interviews (with confirmation) and signs out — with
// no browser console error. Screenshots go to tests/artifacts/. Every process started here is
// stopped at the end.
//   node e2e/run.mjs            (from frontend/; needs ../.venv, PostgreSQL on 127.0.0.1:5432, Redis on :6379)
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { assert, axeViolations, collectErrors, launch } from "./browser.mjs";
import { frenchProblems } from "./french.mjs";
import { freePort, logTail, processGroups, run, waitFor } from "./processes.mjs";

const FRONTEND = fileURLToPath(new URL("..", import.meta.url));
const ROOT = resolve(FRONTEND, "..");
const WEB = join(ROOT, "web");
const PY = process.env.IAL_PYTHON ?? join(ROOT, ".venv", "bin", "python");
const ARTIFACTS = join(ROOT, "tests", "artifacts");
const PG_URL = (process.env.IAL_E2E_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432").replace(/\/+$/, "");
const REDIS_URL = process.env.IAL_E2E_REDIS_URL ?? "redis://127.0.0.1:6379/0";
const ANALYSIS_TIMEOUT_MS = Number(process.env.IAL_E2E_ANALYSIS_TIMEOUT_S ?? 600) * 1000;

const tmp = mkdtempSync(join(tmpdir(), "ial-e2e-"));
const dbName = `ial_e2e_${process.pid}_${randomBytes(3).toString("hex")}`;
const queue = `ial-e2e-${randomBytes(6).toString("hex")}`;
const USER = "recruteuse";
const PASSWORD = `e2e-${randomBytes(8).toString("hex")}`;
const log = (...a) => console.log(`[e2e ${new Date().toISOString().slice(11, 19)}]`, ...a);
const procs = processGroups({ logDir: tmp, log });
const stopAll = procs.stopAll;
const start = (name, args, env) => procs.start(name, PY, args, { cwd: WEB, env });

function python(code, env, input) {
  return run(PY, ["-c", code], { env: { ...process.env, ...env }, cwd: ROOT, input });
}

const tail = (name, n = 4000) => logTail(tmp, name, n);

async function main() {
  mkdirSync(ARTIFACTS, { recursive: true });
  log(`work folder ${tmp}, database ${dbName}, queue ${queue}`);

  // 1. The database, the built front end, the schema and a user.
  python(`import psycopg\nwith psycopg.connect(${JSON.stringify(PG_URL + "/postgres")}, autocommit=True) as c: c.execute('CREATE DATABASE "${dbName}"')`);
  const dist = join(tmp, "dist");
  await build({ configFile: join(FRONTEND, "vite.config.ts"), root: FRONTEND, logLevel: "warn", build: { outDir: dist, emptyOutDir: true } });
  const env = {
    ...process.env,
    DJANGO_SETTINGS_MODULE: "interview_ai_lab_web.settings",
    DATABASE_URL: `${PG_URL}/${dbName}`,
    SECRET_KEY: `e2e-${randomBytes(16).toString("hex")}`,
    DEBUG: "false",
    MEDIA_ROOT: join(tmp, "media"),
    IAL_STATE_DIR: join(tmp, "var"),
    CELERY_BROKER_URL: REDIS_URL,
    IAL_CELERY_QUEUE: queue,
    IAL_FRONTEND_DIST: dist,
    IAL_PIPELINE_THREADS: "2",
    IAL_HEARTBEAT_SEC: "2",
    IAL_UPLOAD_MAX_MB: "50",
    HF_HUB_OFFLINE: "1",
    IAL_OFFLINE: "1",
    TOKENIZERS_PARALLELISM: "false",
    PYTHONUNBUFFERED: "1",
  };
  delete env.CELERY_RESULT_BACKEND;
  run(PY, ["manage.py", "migrate", "--noinput", "-v", "0"], { cwd: WEB, env });
  run(PY, ["manage.py", "shell", "-c", `from django.contrib.auth import get_user_model; get_user_model().objects.create_user(${JSON.stringify(USER)}, password=${JSON.stringify(PASSWORD)})`], { cwd: WEB, env });

  // 2. The server and the worker.
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = start("server", ["manage.py", "runserver", `127.0.0.1:${port}`, "--noreload"], env);
  const worker = start(
    "worker",
    ["-m", "celery", "-A", "interview_ai_lab_web", "worker", "--pool=solo", "--concurrency=1", "--loglevel=INFO", "-Q", queue, "-n", `e2e-${process.pid}@%h`, "--without-gossip", "--without-mingle", "--without-heartbeat"],
    env,
  );
  const watch = [
    { name: "server", child: server },
    { name: "worker", child: worker },
  ];
  await waitFor(
    "the server",
    async () => {
      try {
        return (await fetch(`${base}/api/auth/csrf/`)).ok;
      } catch {
        return false;
      }
    },
    { timeoutMs: 90000, watch, logDir: tmp },
  );
  log(`server up on ${base}`);

  // 3. The interview clip (generated: a synthetic face speaking French, two fillers, two nods).
  const clip = join(tmp, "entretien-claire.mp4");
  const truth = JSON.parse(run(PY, [join(FRONTEND, "e2e", "make_clip.py"), clip], { cwd: ROOT }));
  log(`clip ${truth.seconds.toFixed(1)} s, ${truth.words} words, fillers at ${truth.fillers}, nods at ${truth.nods}`);

  // 4. The browser.
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "fr-FR" });
    const page = await context.newPage();
    const errors = collectErrors(page);
    page.setDefaultTimeout(20000);

    await page.goto(`${base}/`);
    await page.getByRole("heading", { name: "Connexion" }).waitFor();
    assert((await page.locator("html").getAttribute("lang")) === "fr", "French by default");
    const french = []; // problems of the French report pages (see french.mjs)
    const a11y = async (where) => {
      const v = await axeViolations(page);
      assert(v.length === 0, `no accessibility violation on ${where} (axe-core, WCAG 2.1 AA):\n${v.join("\n")}`);
    };
    await a11y("the sign-in page");
    await page.getByLabel("Identifiant").fill(USER);
    await page.getByLabel("Mot de passe").fill("wrong-password");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.getByText("Identifiant ou mot de passe incorrect.").waitFor();
    errors.splice(0, errors.length, ...errors.filter((e) => !/status of 400/.test(e))); // the refused sign-in itself
    await page.getByLabel("Mot de passe").fill(PASSWORD);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.getByRole("heading", { name: "Nouvel entretien" }).waitFor();
    log("signed in");

    // A file that is not a video is refused before anything is sent.
    await page.getByLabel("choisissez un fichier").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("pas une vidéo") });
    await page.getByText("« notes.txt » n'est pas une vidéo prise en charge (MP4, MOV, WebM, MKV, AVI).").waitFor();

    // Drag and drop the clip onto the drop zone.
    const b64 = readFileSync(clip).toString("base64");
    const dataTransfer = await page.evaluateHandle((data) => {
      const bin = atob(data);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], "entretien-claire.mp4", { type: "video/mp4" }));
      return dt;
    }, b64);
    await page.getByTestId("dropzone").dispatchEvent("drop", { dataTransfer });
    await page.getByText(/Fichier choisi : entretien-claire\.mp4/).waitFor();
    await page.getByLabel("Nom du candidat ou de la candidate").fill("Claire Martin");
    await page.getByLabel(/a consenti à l'enregistrement/).check();
    // Upload throttled (DevTools network emulation) so the progress bar can be seen moving.
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 400 * 1024 });
    await page.getByRole("button", { name: "Envoyer" }).click();
    const uploadBar = page.getByRole("progressbar", { name: "Envoyer" });
    const uploadSeen = new Set();
    await waitFor(
      "the upload progress bar between 1 and 99 %",
      async () => {
        const v = await uploadBar.getAttribute("aria-valuenow", { timeout: 5000 }).catch(() => null);
        if (v !== null) uploadSeen.add(Number(v));
        return [...uploadSeen].some((x) => x > 0 && x < 100);
      },
      { timeoutMs: 30000, everyMs: 100 },
    );
    await page.getByText("Vidéo envoyée : Claire Martin.", { exact: false }).waitFor({ timeout: 60000 });
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    log(`upload progress seen: ${[...uploadSeen].sort((a, b) => a - b).join(", ")} %`);
    const row = page.getByTestId("interview-row").filter({ hasText: "Claire Martin" });
    await row.getByText("En attente").waitFor();
    log("uploaded (drag and drop, default mode)");

    // A second interview through the file chooser, in coaching mode (emotions analysed).
    await page.getByLabel("choisissez un fichier").setInputFiles(clip);
    await page.getByLabel("Nom du candidat ou de la candidate").fill("Lucas Bernard");
    await page.getByLabel("Mode", { exact: true }).selectOption("coaching");
    // French chosen: the rubrics generated from these short questions are then French (with "auto" the
    // question's language is guessed, and "Présentez-vous." alone is taken for English).
    await page.getByLabel("Langue de l'entretien").selectOption("fr");
    await page.getByLabel("Questions posées (facultatif, une par ligne)").fill("Présentez-vous.\nQue cherchez-vous aujourd'hui ?");
    await page.getByLabel(/a consenti à l'enregistrement/).check();
    await page.getByRole("button", { name: "Envoyer" }).click();
    await page.getByText("Vidéo envoyée : Lucas Bernard.", { exact: false }).waitFor({ timeout: 60000 });
    const rowB = page.getByTestId("interview-row").filter({ hasText: "Lucas Bernard" });
    await rowB.getByText("Entraînement").waitFor();
    log("uploaded (file chooser, coaching mode)");
    await page.screenshot({ path: join(ARTIFACTS, "e2e-list.png") });
    await a11y("the interviews page");

    await row.getByRole("button", { name: "Analyser" }).click();
    await rowB.getByRole("button", { name: "Analyser" }).click();
    const seen = new Set();
    const percents = [];
    const done = (r, label) =>
      waitFor(
        `the analysis of ${label} (DONE)`,
        async () => {
          const status = await r.getByTestId("status").getAttribute("data-status");
          seen.add(`${label}:${status}`);
          if (status === "RUNNING" && r === row) {
            const bar = r.getByRole("progressbar");
            if (await bar.count()) percents.push(Number(await bar.getAttribute("aria-valuenow")));
          }
          if (status === "ERROR") throw new Error(`the analysis failed: ${await r.getByTestId("status").innerText()}\n${tail("worker")}`);
          return status === "DONE";
        },
        { timeoutMs: ANALYSIS_TIMEOUT_MS, everyMs: 1000, watch, logDir: tmp },
      );
    await done(row, "A");
    await done(rowB, "B");
    log(`analyses done; statuses seen ${[...seen].join(", ")}; progress of A seen ${[...new Set(percents)].join(", ") || "none"}`);
    assert(percents.every((p, i) => i === 0 || p >= percents[i - 1]), "progress never goes back");

    // The coaching report: the facial-expression timeline and distribution.
    await rowB.getByRole("link", { name: "Voir le rapport" }).click();
    await page.getByTestId("radar-chart").waitFor({ state: "visible", timeout: 30000 });
    const idB = page.url().split("/interviews/")[1].replace(/\/$/, "");
    const reportB = await (await page.request.get(`${base}/api/interviews/${idB}/report/`)).json();
    assert(reportB.meta.mode === "coaching", "coaching report");
    const emotions = reportB.nonverbal?.emotions;
    log(`coaching report: emotions ${emotions ? JSON.stringify(emotions.distribution) : "none"}`);
    if (emotions && Object.keys(emotions.distribution ?? {}).length) {
      await page.getByTestId("emotion-panel").waitFor({ state: "visible" });
      await page.getByTestId("emotion-timeline").waitFor({ state: "visible" });
      const lanes = await page.getByTestId("emotion-timeline").locator("[data-lane]").count();
      assert(lanes === new Set((emotions.timeline ?? []).map((p) => p.e)).size, "one lane per emotion of the timeline");
    } else {
      throw new Error("the coaching analysis returned no emotions: the emotion panel cannot be checked");
    }
    // The questions given at upload: one answer each, with its scores (and a rubric when computed).
    assert(Array.isArray(reportB.questions) && reportB.questions.length === 2, `two answers in the report: ${JSON.stringify(reportB.questions)?.slice(0, 300)}`);
    const qItems = page.getByTestId("question");
    assert((await qItems.count()) === 2, "two questions shown");
    assert((await qItems.nth(1).innerText()).includes("Que cherchez-vous aujourd'hui ?"), "question text shown");
    log(`questions: ${reportB.questions.map((q) => `${q.start?.toFixed?.(1)}–${q.end?.toFixed?.(1)} s total ${q.scores?.total} rubric ${q.rubric?.score}`).join("; ")}`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(ARTIFACTS, "e2e-report-coaching.png"), fullPage: true });
    french.push(...(await frenchProblems(page, "the coaching report (real analysis)")));
    await a11y("the coaching report");
    await gdprScenario(page, base, idB, reportB, a11y);
    await page.getByRole("link", { name: "← Retour à la liste" }).click();

    // The report page.
    await row.getByRole("link", { name: "Voir le rapport" }).click();
    await page.getByTestId("radar-chart").waitFor({ state: "visible", timeout: 30000 });
    await page.getByTestId("timeline").waitFor({ state: "visible" });
    const id = page.url().split("/interviews/")[1].replace(/\/$/, "");
    const report = await (await page.request.get(`${base}/api/interviews/${id}/report/`)).json();
    log(`report: scores ${JSON.stringify(report.scores)}, wpm ${report.speech?.wpm}, words ${report.words?.length ?? "none"}`);

    const totalShown = (await page.getByTestId("total-score").locator(".total-value").innerText()).trim();
    assert(report.scores.total != null && totalShown === String(Math.round(report.scores.total)), `total shown ${totalShown} = report ${report.scores.total}`);
    const speech = page.getByTestId("speech-panel");
    assert((await speech.locator(".big").innerText()).trim() === String(Math.round(report.speech.wpm)), "WPM shown = report");
    assert((await speech.getByRole("button", { name: /à \d+:\d\d$/ }).count()) === (report.speech.filler_events ?? []).length, "a chip per filler");
    assert(report.meta.mode === "recruitment", "the server's default mode is recruitment");
    assert((await page.getByTestId("emotion-panel").count()) === 0, "no emotion panel in recruitment mode");
    assert(!/Émotions|joie|tristesse|colère/.test(await page.getByTestId("report").innerText()), "no emotion word in recruitment mode");
    assert(await page.getByTestId("disclaimer").isVisible(), "the human-decision note is shown");
    assert((await page.getByTestId("limits-panel").locator("dt").count()) >= 5, "known limits shown");
    const lanes = await page.getByTestId("timeline").locator("[data-lane]").evaluateAll((els) => els.map((e) => e.getAttribute("data-lane")));
    assert(lanes.includes("pauses") && lanes.includes("nods"), `timeline lanes ${lanes}`);

    // Clicking a transcript word seeks the real video (served with HTTP Range by Django).
    const video = page.getByTestId("video");
    await page.waitForFunction(() => (document.querySelector("[data-testid=video]")?.readyState ?? 0) >= 1, null, { timeout: 30000 });
    if (report.words && report.words.length > 3) {
      const k = Math.min(5, report.words.length - 1);
      await page.getByTestId("transcript").locator(`[data-i="${k}"]`).click();
      await page.waitForFunction((t) => Math.abs(document.querySelector("[data-testid=video]").currentTime - t) < 0.3, report.words[k].start, { timeout: 10000 });
      log(`word ${k} "${report.words[k].w}" seeks the video to ${report.words[k].start} s`);
    } else {
      log("the report has no word times: plain transcript");
    }
    const nodMarks = page.getByTestId("timeline").locator("[data-lane=nods] .tl-mark");
    if (await nodMarks.count()) {
      const t = report.nonverbal.nod_events[0].t;
      await nodMarks.first().click();
      await page.waitForFunction((x) => Math.abs(document.querySelector("[data-testid=video]").currentTime - x) < 0.3, t, { timeout: 10000 });
      log(`nod marker seeks the video to ${t} s`);
    }
    assert(await video.isVisible(), "video player visible");

    // The recruiter's own assessment.
    const assess = page.getByTestId("assessment");
    await assess.getByLabel("Appréciation").fill("Réponses claires, à confirmer en entretien.");
    await assess.getByLabel("Poursuivre le processus").check();
    await assess.getByRole("button", { name: "Enregistrer l'évaluation" }).click();
    const saved = await Promise.race([
      assess.getByText("Évaluation enregistrée.").waitFor().then(() => "saved"),
      assess.getByText("L'enregistrement de l'évaluation n'est pas disponible sur ce serveur.").waitFor().then(() => "unavailable"),
    ]);
    log(`assessment: ${saved}`);
    if (saved === "unavailable") errors.splice(0, errors.length, ...errors.filter((e) => !/status of 40[45]/.test(e)));
    if (saved === "saved") {
      await page.reload();
      await page.getByTestId("radar-chart").waitFor();
      assert((await page.getByTestId("assessment").getByLabel("Appréciation").inputValue()) === "Réponses claires, à confirmer en entretien.", "the assessment is kept");
    }

    // English and back.
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { level: 1, name: /Claire Martin's interview/ }).waitFor();
    await page.getByRole("button", { name: "Français" }).click();
    await page.getByRole("heading", { level: 1, name: /Entretien de Claire Martin/ }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(ARTIFACTS, "e2e-report.png"), fullPage: true });
    french.push(...(await frenchProblems(page, "the recruitment report (real analysis)")));
    assert(french.length === 0, `the French reports hold English, internal names or English numbers:\n${french.join("\n")}`);
    await a11y("the recruitment report");
    await page.emulateMedia({ media: "print" });
    await page.screenshot({ path: join(ARTIFACTS, "e2e-report-print.png"), fullPage: true });
    await page.emulateMedia({ media: "screen" });
    log("screenshots in tests/artifacts/ (e2e-list.png, e2e-report.png, e2e-report-print.png, e2e-report-coaching.png)");

    // Delete with confirmation, then sign out.
    await page.getByRole("link", { name: "← Retour à la liste" }).click();
    await row.getByRole("button", { name: /Supprimer/ }).click();
    await row.getByText("Supprimer définitivement l'entretien de Claire Martin (vidéo et analyse) ?").waitFor();
    await row.getByRole("button", { name: "Oui, supprimer" }).click();
    await row.waitFor({ state: "detached" });
    await rowB.getByRole("button", { name: /Supprimer/ }).click();
    await rowB.getByRole("button", { name: "Annuler" }).click();
    await rowB.getByRole("button", { name: /Supprimer/ }).click();
    await rowB.getByRole("button", { name: "Oui, supprimer" }).click();
    await page.getByText("Aucun entretien pour l'instant.", { exact: false }).waitFor();
    const gone = await page.request.get(`${base}/api/interviews/${id}/`);
    assert(gone.status() === 404, "deleted on the server");
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await page.getByRole("heading", { name: "Connexion" }).waitFor();

    assert(errors.length === 0, `no console errors, got:\n${errors.join("\n")}`);
    log("OK: no console error");
  } finally {
    await browser.close();
  }
}

/**
 * Rubrics, candidate data and audit on the coaching interview (two questions): the recruiter edits question 1's rubric (every
 * generated criterion removed, one criterion added whose keywords are two words of the answer), saves
 * it as version 2, analyses again and sees the answer's rubric score become 100 (the scoring gives full
 * coverage from two keyword hits); asks for the faces to be blurred and gets a playable blurred video;
 * downloads the GDPR export (a zip with the interview, reports, rubrics and audit trail); reads the
 * audit log (the rubric edit, the blur and the export are in it).
 */
async function gdprScenario(page, base, id, report, a11y) {
  const q1 = report.questions[0];
  const before = q1.rubric?.score;
  // Two words of one sentence of the answer (as the scorer splits sentences and words).
  const keywords = JSON.parse(
    python(
      [
        "import json, sys",
        "from interview_ai_lab.text.rubrics import answer_sentences",
        "from interview_ai_lab.text.textutils import tokenize",
        "pick = []",
        "for s in answer_sentences(json.loads(sys.stdin.read())):",
        "    words = list(dict.fromkeys(w for w in tokenize(s, split_elisions=False) if w.isalpha() and len(w) >= 5))",
        "    if len(words) >= 2:",
        "        pick = words[:2]",
        "        break",
        "print(json.dumps(pick))",
      ].join("\n"),
      {},
      JSON.stringify(q1.transcript ?? ""),
    ),
  );
  assert(keywords.length === 2, `a sentence of the first answer has two words of 5+ letters: ${JSON.stringify(q1.transcript)}`);
  log(`question 1: rubric ${before} with ${q1.rubric?.criteria?.length} criteria; new criterion keywords ${keywords}`);

  const panel = page.getByTestId("rubrics");
  const item = panel.getByTestId("rubric").first();
  await item.getByTestId("rubric-version").filter({ hasText: "Version 1" }).waitFor();
  const generated = await item.locator("tbody tr").count();
  assert(generated >= 2, `a generated rubric with criteria (${generated})`);
  await item.getByRole("button", { name: "Modifier la grille" }).click();
  const form = item.getByTestId("rubric-form");
  for (let k = 0; k < generated; k++) await form.getByRole("button", { name: /^Supprimer le critère/ }).first().click();
  await form.getByRole("button", { name: "+ Ajouter un critère" }).click();
  await page.keyboard.type("Présentation"); // the new criterion's name field has the focus
  await form.getByLabel("Description").fill("Se présente avec son nom et son expérience.");
  await form.getByLabel("Poids").fill("1");
  await form.getByLabel(/Mots-clés/).fill(keywords.join(", "));
  await form.getByRole("button", { name: "Enregistrer (nouvelle version)" }).click();
  await item.getByText("Enregistrée : version 2.").waitFor();
  assert((await item.getByTestId("rubric-version").innerText()).startsWith("Version 2 · modifiée · par recruteuse"), "version 2 shown");
  const stored = await (await page.request.get(`${base}/api/interviews/${id}/questions/1/rubric/`)).json();
  assert(stored.version === 2 && stored.rubric.criteria.length === 1 && stored.rubric.criteria[0].name === "Présentation", `stored: ${JSON.stringify(stored).slice(0, 300)}`);

  await panel.getByRole("button", { name: "Analyser à nouveau" }).click();
  await page.getByTestId("status").waitFor({ timeout: 20000 });
  await page.getByTestId("radar-chart").waitFor({ state: "visible", timeout: ANALYSIS_TIMEOUT_MS });
  const after = await (await page.request.get(`${base}/api/interviews/${id}/report/`)).json();
  const r1 = after.questions[0].rubric;
  assert(r1 && r1.criteria.length === 1 && r1.criteria[0].name === "Présentation", `the new rubric is used: ${JSON.stringify(r1).slice(0, 300)}`);
  assert(r1.score === 100 && before !== 100, `rubric score ${before} → ${r1.score} (expected 100)`);
  const shown = page.getByTestId("question").first().locator(".rubric summary");
  assert(/100\s%/.test(await shown.innerText()), `the new coverage is shown as a percentage: ${await shown.innerText()}`);
  log(`rubric edited and analysed again: question 1 rubric ${before} → ${r1.score}; evidence ${JSON.stringify(r1.criteria[0].evidence)}`);

  // Face blurring.
  const privacy = page.getByTestId("privacy");
  assert(/^recueilli le /.test(await privacy.getByTestId("consent").innerText()), "consent shown");
  await privacy.getByRole("button", { name: "Flouter les visages" }).click();
  await privacy.getByTestId("blurred-video").waitFor({ timeout: ANALYSIS_TIMEOUT_MS });
  assert((await privacy.getByTestId("blur-status").innerText()) === "Vidéo floutée prête.", "blur status DONE");
  await page.waitForFunction(() => (document.querySelector("[data-testid=blurred-video]")?.readyState ?? 0) >= 1, null, { timeout: 30000 });
  const blurredUrl = await privacy.getByTestId("blurred-download").getAttribute("href");
  const blurred = await page.request.get(blurredUrl);
  assert(blurred.status() === 200 && /^video\//.test(blurred.headers()["content-type"]) && (await blurred.body()).length > 10000, "blurred video served");
  const dur = await page.evaluate(() => document.querySelector("[data-testid=blurred-video]").duration);
  assert(Math.abs(dur - report.speech.duration_sec) < 1.5, `blurred video lasts as long as the interview (${dur} s)`);
  log(`blurred video playable: ${dur.toFixed(1)} s, ${(await blurred.body()).length} bytes`);

  // GDPR export: a download.
  const [download] = await Promise.all([page.waitForEvent("download"), privacy.getByRole("link", { name: "Exporter les données du candidat (RGPD)" }).click()]);
  const zipPath = join(tmp, download.suggestedFilename());
  await download.saveAs(zipPath);
  const names = JSON.parse(python(`import json,sys,zipfile\nprint(json.dumps(zipfile.ZipFile(sys.argv[1]).namelist()))`.replace("sys.argv[1]", JSON.stringify(zipPath))));
  assert(/\.zip$/.test(download.suggestedFilename()) && names.includes("interview.json") && names.includes("rubrics.json"), `export ${download.suggestedFilename()}: ${names}`);
  log(`export downloaded: ${download.suggestedFilename()} (${names.length} files: ${names.join(", ")})`);

  // The audit log.
  const auditPanel = page.getByTestId("audit");
  await auditPanel.locator("summary").click();
  await auditPanel.getByRole("button", { name: "Actualiser le journal" }).click();
  await auditPanel.getByTestId("audit-row").filter({ hasText: "a exporté les données" }).waitFor();
  const actions = await auditPanel.getByTestId("audit-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action")));
  for (const a of ["upload", "view_report", "edit_rubric", "analyse", "blur", "export"]) assert(actions.includes(a), `audit has ${a}: ${actions}`);
  log(`audit log: ${actions.length} entries (${[...new Set(actions)].join(", ")})`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(ARTIFACTS, "e2e-report-gdpr.png"), fullPage: true });
  await a11y("the coaching report with the rubric, data and audit panels");
}

let failed = false;
const cleanup = async () => {
  await stopAll();
  try {
    python(
      `import psycopg\nwith psycopg.connect(${JSON.stringify(PG_URL + "/postgres")}, autocommit=True) as c: c.execute('DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)')`,
    );
  } catch (e) {
    console.error(`could not drop ${dbName}: ${e.message}`);
  }
  try {
    python(`import redis\nc = redis.Redis.from_url(${JSON.stringify(REDIS_URL)})\nc.delete(${JSON.stringify(queue)}, *c.keys(${JSON.stringify(queue)} + "*"))`);
  } catch {
    /* Redis gone */
  }
  rmSync(tmp, { recursive: true, force: true });
};
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.once(sig, async () => {
    log(`${sig}: cleaning up`);
    await cleanup();
    process.exit(130);
  });
}
try {
  await main();
} catch (e) {
  failed = true;
  console.error(e.stack ?? e);
  console.error(`--- server log ---\n${tail("server", 3000)}\n--- worker log ---\n${tail("worker", 6000)}`);
} finally {
  await cleanup();
}
console.log(failed ? "e2e: 0 passed, 1 failed" : "e2e: 1 passed, 0 failed");
process.exit(failed ? 1 : 0);
