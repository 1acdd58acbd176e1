// The hiring pages walked in real headless Chromium against the real Django server: a position with
// six candidates stored through Django (frontend/e2e/seed_positions.py). The recruiter creates and
// edits a position from the form, opens the seeded one, the comparison (ranked rows first, the incomplete and the unanalysed rows
// without a rank and saying why, sorted from the keyboard), follows a question cell to the answer's
// time in the video, reads the adverse-impact report (a small group is "too few to say", never a
// ratio) and downloads its CSV; the reviewer reads the position with no edit control and is refused
// the adverse-impact report. Every page is checked for English, internal names and English numbers,
// and with axe-core. Screenshots go to tests/artifacts/positions-*.png. Every process started here
// is stopped.
//   node e2e/walk_positions.mjs      (from frontend/; needs ../.venv, PostgreSQL on 127.0.0.1:5432)
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { assert, axeViolations, collectErrors, launch } from "./browser.mjs";
import { problems, visibleText } from "./french.mjs";
import { freePort, processGroups, run } from "./processes.mjs";

const FRONTEND = fileURLToPath(new URL("..", import.meta.url));
const ROOT = resolve(FRONTEND, "..");
const WEB = join(ROOT, "web");
const PY = process.env.IAL_PYTHON ?? join(ROOT, ".venv", "bin", "python");
const ARTIFACTS = join(ROOT, "tests", "artifacts");
const PG_URL = (process.env.IAL_E2E_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432").replace(/\/+$/, "");
const tmp = mkdtempSync(join(tmpdir(), "ial-positions-"));
const dbName = `ial_positions_${process.pid}_${randomBytes(3).toString("hex")}`;
const RECRUITER = "recruteuse";
const REVIEWER = "relecteur";
const PASSWORD = `walk-${randomBytes(8).toString("hex")}`;
const log = (...a) => console.log(`[positions ${new Date().toISOString().slice(11, 19)}]`, ...a);
const procs = processGroups({ logDir: tmp, log });
const stopAll = procs.stopAll;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function signIn(browser, base, username) {
  const page = await (await browser.newContext({ locale: "fr-FR", viewport: { width: 1400, height: 900 } })).newPage();
  // 403: the reviewer's refused report; 400: the non-member refused as a reviewer (both on purpose)
  const errors = collectErrors(page, { ignore: [/status of 40[03]/] });
  await page.goto(`${base}/`);
  await page.getByLabel("Identifiant").fill(username);
  await page.getByLabel("Mot de passe").fill(PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.getByRole("heading", { name: "Nouvel entretien" }).waitFor();
  return { page, errors };
}

async function check(page, where, found) {
  await page.waitForLoadState("networkidle");
  found.push(...problems(where, await visibleText(page)));
  for (const v of await axeViolations(page)) found.push(`${where}: axe ${v}`);
  await page.screenshot({ path: join(ARTIFACTS, `positions-${where}.png`), fullPage: true });
  log(`walked ${where}`);
}

async function main() {
  mkdirSync(ARTIFACTS, { recursive: true });
  run(PY, ["-c", `import psycopg\nwith psycopg.connect(${JSON.stringify(PG_URL + "/postgres")}, autocommit=True) as c: c.execute('CREATE DATABASE "${dbName}"')`], { cwd: ROOT });
  const dist = join(tmp, "dist");
  await build({ configFile: join(FRONTEND, "vite.config.ts"), root: FRONTEND, logLevel: "warn", build: { outDir: dist, emptyOutDir: true } });
  const env = {
    ...process.env,
    DJANGO_SETTINGS_MODULE: "interview_web.settings",
    DATABASE_URL: `${PG_URL}/${dbName}`,
    SECRET_KEY: `walk-${randomBytes(16).toString("hex")}`,
    DEBUG: "false",
    MEDIA_ROOT: join(tmp, "media"),
    IAL_STATE_DIR: join(tmp, "var"),
    IAL_FRONTEND_DIST: dist,
    IAL_CELERY_QUEUE: `ial-positions-${randomBytes(6).toString("hex")}`,
    // three declared women, two men: one group with rates, one too small to say
    IAL_IMPACT_MIN_GROUP: "3",
    HF_HUB_OFFLINE: "1",
    IAL_OFFLINE: "1",
    PYTHONUNBUFFERED: "1",
  };
  delete env.CELERY_RESULT_BACKEND;
  run(PY, ["manage.py", "migrate", "--noinput", "-v", "0"], { cwd: WEB, env });
  const users = [RECRUITER, REVIEWER].map((u) => `get_user_model().objects.create_user(${JSON.stringify(u)}, password=${JSON.stringify(PASSWORD)})`).join("; ");
  run(PY, ["manage.py", "shell", "-c", `from django.contrib.auth import get_user_model; ${users}`], { cwd: WEB, env });
  const clip = join(tmp, "clip.mp4");
  const ffmpeg = run(PY, ["-c", "from scripts.core.media.ffmpeg import find_ffmpeg; print(find_ffmpeg().path)"], { cwd: ROOT }).trim();
  run(ffmpeg, ["-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=5:duration=48", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-movflags", "+faststart", clip]);
  const seeded = JSON.parse(run(PY, [join(FRONTEND, "e2e", "seed_positions.py"), RECRUITER, REVIEWER, clip], { cwd: WEB, env }).trim().split("\n").pop());
  const pid = seeded.position;
  log(`seeded position ${pid} with ${Object.keys(seeded.interviews).length} interviews`);

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = procs.start("server", PY, ["manage.py", "runserver", `127.0.0.1:${port}`, "--noreload"], { cwd: WEB, env });
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/api/auth/csrf/`)).ok) break;
    } catch {
      /* not yet */
    }
    if (server.exitCode !== null || i > 180) throw new Error(`the server did not start:\n${readFileSync(join(tmp, "server.log"), "utf8").slice(-3000)}`);
    await sleep(500);
  }
  log(`server up on ${base}`);

  const browser = await launch();
  const found = [];
  try {
    const { page, errors } = await signIn(browser, base, RECRUITER);
    // The uploader offers the position; choosing it hides the questions.
    await page.getByLabel("Poste").selectOption({ label: "Analyste de données" });
    assert((await page.getByLabel("Questions posées (facultatif, une par ligne)").count()) === 0, "the questions come from the position");

    await page.getByRole("link", { name: "Postes" }).click();
    // A new position from the form (the weights left empty: the default), its rubrics generated by the server.
    const form = page.getByTestId("position-form");
    await form.getByLabel("Intitulé du poste").fill("Comptable");
    await form.getByLabel("Texte de la question 1").fill("Parlez d'un bilan que vous avez préparé.");
    await form.getByRole("button", { name: "+ Ajouter une question" }).click();
    await form.getByLabel("Texte de la question 2").fill("Comment vérifiez-vous vos écritures ?");
    await form.getByLabel("Poids de la question 2").fill("2");
    await form.getByRole("button", { name: "Créer le poste" }).click();
    await page.getByText("Poste « Comptable » créé.").waitFor({ timeout: 10000 }).catch(async (e) => {
      const alert = await page.getByRole("alert").allInnerTexts();
      throw new Error(`the position was not created: ${alert.join(" | ") || e.message}`);
    });
    await page.getByRole("link", { name: "Comptable" }).click();
    await page.getByTestId("rubric").nth(1).waitFor();
    const created = await page.getByTestId("position-questions").innerText();
    assert(created.includes("Comment vérifiez-vous vos écritures ? (poids 2)"), `the created position: ${created}`);
    const versions = await page.getByTestId("rubric-version").allInnerTexts();
    assert(versions.length === 2 && versions.every((v) => v.startsWith("Version 1")), `generated rubrics: ${versions}`);
    // Edited: a new title, the questions kept.
    await page.getByRole("button", { name: "Modifier le poste" }).click();
    await page.getByLabel("Intitulé du poste").fill("Comptable confirmé·e");
    await page.getByRole("button", { name: "Enregistrer le poste" }).click();
    await page.getByRole("heading", { name: "Comptable confirmé·e" }).waitFor();
    await page.getByText("Poste enregistré.").waitFor();
    // A member added as a reviewer, and a user who is not a member refused.
    await page.getByLabel("Identifiant du membre à ajouter").fill(REVIEWER);
    await page.getByRole("button", { name: "Ajouter", exact: true }).click();
    await page.getByRole("button", { name: `Retirer ${REVIEWER}` }).waitFor();
    await page.getByLabel("Identifiant du membre à ajouter").fill("inconnu");
    await page.getByRole("button", { name: "Ajouter", exact: true }).click();
    await page.getByTestId("reviewers").getByRole("alert").waitFor();
    await check(page, "created", found);
    await page.getByRole("link", { name: "← Retour aux postes" }).click();
    await page.getByRole("link", { name: "Analyste de données" }).click();
    await page.getByRole("heading", { name: "Analyste de données" }).waitFor();
    assert((await page.getByRole("button", { name: "Modifier le poste" }).count()) === 1, "the recruiter edits the position");
    assert((await page.getByRole("button", { name: "Modifier la grille" }).count()) === 2, "and each question's rubric");
    await check(page, "position", found);

    await page.getByRole("link", { name: "Comparer les candidatures" }).click();
    const rows = page.getByTestId("comparison-row");
    await rows.nth(5).waitFor();
    const ranks = await page.getByTestId("rank").allInnerTexts();
    assert(ranks.slice(0, 4).join(",") === "1,2,3,4", `ranked rows first: ${ranks}`);
    const unranked = ranks.slice(4).map((r) => r.replace(/\s+/g, " "));
    assert(unranked.some((r) => r.includes("Pas de rang : score incomplet. Non verbal : aucun visage détecté.")), `incomplete row: ${unranked}`);
    assert(unranked.some((r) => r.includes("Pas de rang : entretien pas encore analysé.")), `unanalysed row: ${unranked}`);
    const first = await rows.nth(0).locator("td.candidate a").innerText();
    assert(first === "Emma Real", `the best total first: ${first}`);
    // Sort by question 2 from the keyboard: best coverage first, unanalysed last.
    const q2 = page.getByRole("button", { name: /^Q2/ });
    await q2.focus();
    await page.keyboard.press("Enter");
    assert((await q2.evaluate((b) => b.closest("th").getAttribute("aria-sort"))) === "descending", "aria-sort follows the sort");
    const byQ2 = await rows.locator("td.candidate a").allInnerTexts();
    assert(byQ2[0] === "Emma Real" && byQ2[1] === "Hugo Lefèvre" && byQ2[5] === "Paul Durand", `sorted by Q2: ${byQ2}`);
    await check(page, "comparison", found);

    // A question cell opens the answer in the video: seeked to its start, the question in view.
    const hugo = rows.filter({ hasText: "Hugo Lefèvre" });
    await hugo.getByTestId("q2").getByRole("link").click();
    await page.getByTestId("questions-panel").waitFor();
    assert(/#\/interviews\/[0-9a-f-]+\?t=24&q=2$/.test(page.url()), `the answer's link: ${page.url()}`);
    await page.waitForFunction(() => Math.abs(document.querySelector("video").currentTime - 24) < 0.5, null, { timeout: 20000 });
    const focused = await page.evaluate(() => document.activeElement?.getAttribute("data-testid"));
    assert(focused === "question", `question 2 is focused: ${focused}`);
    const q2text = await page.evaluate(() => document.activeElement.querySelector("h3").textContent);
    assert(q2text === "Question 2 — Pourquoi ce poste ?", `the second question: ${q2text}`);
    // the recruiter may enter a self-declaration; the stored one shows its date, never its values
    await page.getByTestId("demo-state").waitFor();
    const declared = await page.getByTestId("demographics").innerText();
    assert(declared.includes("Déclaration enregistrée le") && !/femme|homme|moins de 40/.test(declared), `declared: ${declared}`);
    await check(page, "interview", found);

    await page.goto(`${base}/#/positions/${pid}/adverse-impact`);
    const female = page.locator("[data-testid=impact-category][data-category=sex] [data-group=female]");
    await female.waitFor();
    const male = await page.locator("[data-testid=impact-category][data-category=sex] [data-group=male]").innerText();
    assert(male.includes("trop peu pour conclure") && !/%|\d,\d/.test(male), `a small group, no rate or ratio: ${male}`);
    const femaleText = await female.innerText();
    assert(/\d+ %/.test(femaleText.replace(/\u202f|\u00a0/g, " ")), `a group with rates: ${femaleText}`);
    const method = await page.getByTestId("method").innerText();
    assert(method.includes("d'au moins 3 personnes") && method.includes("Règle des quatre cinquièmes"), `the method in French: ${method}`);
    const csv = await page.evaluate(async (url) => {
      const r = await fetch(url, { credentials: "same-origin" });
      return { status: r.status, type: r.headers.get("content-type"), disposition: r.headers.get("content-disposition"), text: await r.text() };
    }, await page.getByTestId("csv").getAttribute("href"));
    assert(csv.status === 200 && /attachment/.test(csv.disposition ?? "") && csv.text.includes("category,group,n"), `the CSV: ${JSON.stringify(csv).slice(0, 300)}`);
    await check(page, "adverse-impact", found);
    assert(errors.length === 0, `recruiter's browser errors:\n${errors.join("\n")}`);

    const reviewer = await signIn(browser, base, REVIEWER);
    const rp = reviewer.page;
    await rp.goto(`${base}/#/positions/${pid}`);
    await rp.getByRole("heading", { name: "Analyste de données" }).waitFor();
    await rp.getByTestId("rubric").nth(1).waitFor();
    assert((await rp.getByTestId("read-only").count()) === 1, "the reviewer is told the position is read-only");
    assert((await rp.getByRole("button").filter({ hasText: /Modifier|Supprimer|Retirer|Ajouter/ }).count()) === 0, "no edit control for a reviewer");
    await check(rp, "position-reviewer", found);
    await rp.goto(`${base}/#/positions/${pid}/adverse-impact`);
    await rp.getByText("Ce rapport est réservé aux recruteurs et aux administrateurs de l'organisation.").waitFor();
    await rp.goto(`${base}/#/positions/${pid}/comparison`);
    await rp.getByTestId("comparison-row").nth(5).waitFor();
    await check(rp, "comparison-reviewer", found);
    assert(reviewer.errors.length === 0, `reviewer's browser errors:\n${reviewer.errors.join("\n")}`);
  } finally {
    await browser.close();
  }
  if (found.length) throw new Error(`problems on the hiring pages:\n${[...new Set(found)].join("\n")}`);
  log("OK: positions, comparison, answer links, adverse impact, reviewer read-only; French, accessible");
}

const cleanup = async () => {
  await stopAll();
  try {
    run(PY, ["-c", `import psycopg\nwith psycopg.connect(${JSON.stringify(PG_URL + "/postgres")}, autocommit=True) as c: c.execute('DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)')`], { cwd: ROOT });
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
