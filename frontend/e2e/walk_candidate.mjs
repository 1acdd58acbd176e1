// One-way interviews recorded in the candidate's browser, walked in real headless Chromium against the real
// stack: PostgreSQL (a database of its own), Redis, gunicorn serving the freshly built front end, a real Celery
// worker (the answers joined, the real pipeline), a real SMTP server on the loopback (aiosmtpd). The camera and
// microphone are files: the synthetic face (Y4M) and real recorded speech (WAV), see make_devices.py.
//
// - The recruiter invites two candidates from the position page: the French one by e-mail (the message reaches
//   the SMTP server and its link works), the English one by the link shown once.
// - The French candidate, on a phone-sized window: welcome, consent, camera and microphone check (the level meter
//   moves), practice question (played back, never sent), question 1 started by the end of its think time, a retake
//   started at once, question 2, a reload (resumes at question 3), question 3, review (the first take of
//   question 1 chosen), submit, confirmation. Every page French, no English word.
// - The English candidate: the network is cut in the middle of an upload (browser offline) and restored: the
//   upload resumes from the bytes the server holds and completes; the file kept is the recording, byte for byte.
// - An expired, a revoked and a forged link each get a page that says so in the candidate's language and shows no
//   data; a camera permission refused is said plainly.
// - The recruiter reads both analysed reports: three answers each, whose boundaries match the recordings' lengths
//   measured in the browser within 0.5 s; each answer plays on its own.
// axe-core finds no violation on any candidate page. Screenshots: tests/artifacts/candidate-*.png.
//   node e2e/walk_candidate.mjs      (from frontend/; needs ../.venv, PostgreSQL on :5432, Redis on :6379)
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { assert, axeViolations, CHROMIUM, CHROMIUM_ARGS, collectErrors } from "./browser.mjs";
import { problems, visibleText } from "./french.mjs";
import {
  ARTIFACTS, buildFrontend, database, FRONTEND, freePort, logTail, migrateWithUsers, processGroups, PY, ROOT, run, runWalk,
  sleep, waitFor, walkEnv, WEB,
} from "./processes.mjs";

const tmp = mkdtempSync(join(tmpdir(), "ial-candidate-"));
const dbName = `ial_candidate_${process.pid}_${randomBytes(3).toString("hex")}`;
const RECRUITER = "recruteuse";
const PASSWORD = `walk-${randomBytes(8).toString("hex")}`;
const REDIS_URL = process.env.IAL_E2E_REDIS_URL ?? "redis://127.0.0.1:6379/0";
const ANALYSIS_TIMEOUT_MS = Number(process.env.IAL_E2E_ANALYSIS_TIMEOUT_S ?? 600) * 1000;
const t0 = Date.now();
const log = (...a) => console.log(`[candidate ${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s]`, ...a);
const procs = processGroups({ logDir: tmp, log });
const found = []; // problems of the pages (French words, axe)

const tail = (name, n = 3000) => logTail(tmp, name, n);

/** axe-core on the page, the French check when `french`, and a screenshot. */
async function check(page, where, { french = false } = {}) {
  for (const v of await axeViolations(page)) found.push(`${where}: axe ${v}`);
  if (french) found.push(...problems(where, await visibleText(page)));
  await page.screenshot({ path: join(ARTIFACTS, `candidate-${where}.png`), fullPage: true });
}

/** Django's shell with `code` (the walk's environment); its last printed line as JSON. */
function django(env, code) {
  const out = run(PY, ["manage.py", "shell", "-c", code], { cwd: WEB, env });
  return JSON.parse(out.trim().split("\n").pop());
}

/** The link of the last e-mail the SMTP server received for `to` (its maildir), or null. */
function mailedLink(maildir, to) {
  const out = run(PY, ["-c", `
import email, email.policy, json, mailbox, sys
box = mailbox.Maildir(${JSON.stringify(maildir)}, create=False,
                      factory=lambda f: email.message_from_binary_file(f, policy=email.policy.default))
msgs = [m for m in box if ${JSON.stringify(to)} in str(m["To"] or "")]
if not msgs:
    print(json.dumps(None)); sys.exit()
m = msgs[-1]
body = m.get_content()
link = next((w for w in body.split() if "#/invitation/" in w), None)
print(json.dumps({"subject": str(m["Subject"]), "link": link, "body": body}))
`], { cwd: ROOT });
  return JSON.parse(out.trim().split("\n").pop());
}

// --------------------------------------------------------------------------- the candidate's steps

/** Record one answer: wait for the think time to start it (`auto`) or start it at once; stop after `ms`. */
async function answer(page, k, { auto = false, ms = 3000, beforeStop } = {}) {
  const step = page.locator(`section[data-question="${k}"]`);
  await step.waitFor();
  if (auto) {
    await page.locator(`section[data-question="${k}"][data-phase="recording"]`).waitFor({ timeout: 15000 });
  } else {
    await page.getByRole("button", { name: /^(Commencer l'enregistrement|Start recording)$/ }).click();
  }
  await page.getByRole("timer").waitFor();
  await sleep(ms);
  if (beforeStop) await beforeStop();
  await page.getByRole("button", { name: /^(Arrêter l'enregistrement|Stop recording)$/ }).click();
}

/** After a take: the page's result (received or failed), its take id and the length measured while recording. */
async function result(page, { timeout = 60000 } = {}) {
  const el = page.getByTestId("take-result");
  await el.waitFor({ timeout });
  return { state: await el.getAttribute("data-state"), take: await el.getAttribute("data-take"), ms: Number(await el.getAttribute("data-duration-ms")) };
}

/** The recordings kept in this browser (IndexedDB), with their SHA-256. */
async function keptTakes(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open("ial-candidate");
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const all = req.result.transaction("takes").objectStore("takes").getAll();
          all.onsuccess = () => resolve(all.result.map((t) => ({ takeId: t.takeId, sha256: t.sha256, size: t.blob.size, uploaded: t.uploaded })));
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

async function candidateFrench(browser, link) {
  const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, permissions: ["camera", "microphone"] });
  const page = await context.newPage();
  const errors = collectErrors(page);
  page.setDefaultTimeout(30000);
  await page.goto(link);
  await page.getByRole("heading", { name: "Analyste de données" }).waitFor();
  assert((await page.locator("html").getAttribute("lang")) === "fr", "the page is in the invitation's language");
  await check(page, "fr-welcome", { french: true });
  await page.getByRole("button", { name: "Commencer" }).click();
  await page.getByRole("heading", { name: "Votre consentement" }).waitFor();
  await page.getByRole("button", { name: "J'accepte et je continue" }).click();
  await page.getByText("Cochez la case pour continuer").waitFor(); // nothing is recorded without consent
  await check(page, "fr-consent", { french: true });
  await page.getByLabel("J'ai lu ce texte et j'accepte").check();
  await page.getByRole("button", { name: "J'accepte et je continue" }).click();
  await page.getByRole("heading", { name: "Vérifiez votre caméra et votre micro" }).waitFor();
  await page.getByRole("button", { name: "Autoriser la caméra et le micro" }).click();
  const meter = page.getByRole("meter", { name: "Niveau du micro" });
  await meter.waitFor();
  const levels = new Set();
  await waitFor("the microphone level to move", async () => {
    levels.add(Number(await meter.getAttribute("aria-valuenow")));
    return levels.size > 3 && Math.max(...levels) > 10;
  }, { timeoutMs: 15000, everyMs: 150 });
  await check(page, "fr-device", { french: true });
  log(`device check: microphone levels seen ${[...levels].slice(0, 8).join(", ")}…`);
  await page.getByRole("button", { name: "Ma caméra et mon micro fonctionnent" }).click();

  // the practice question: recorded, played back, never sent
  await page.getByRole("heading", { name: "Question d'essai" }).waitFor();
  await check(page, "fr-practice", { french: true });
  await answer(page, "practice", { ms: 1500 });
  await page.getByLabel("Votre essai").waitFor();
  await page.getByRole("button", { name: "Commencer l'entretien" }).click();

  // question 1: the recording starts by itself when the think time ends; then a retake started at once
  await page.getByText("Question 1 sur 3").waitFor();
  await check(page, "fr-question-think", { french: true });
  await answer(page, 1, { auto: true, ms: 3500, beforeStop: () => check(page, "fr-question-recording", { french: true }) });
  const q1a = await result(page);
  assert(q1a.state === "received", `question 1, take 1 received (${q1a.state})`);
  await check(page, "fr-question-result", { french: true });
  await page.getByRole("button", { name: /^Réenregistrer/ }).click();
  await answer(page, 1, { ms: 2500 });
  const q1b = await result(page);
  assert(q1b.state === "received", "question 1, take 2 received");
  await page.getByRole("button", { name: "Question suivante" }).click();

  // question 2, then a reload: the page resumes at question 3
  await answer(page, 2, { ms: 3000 });
  const q2 = await result(page);
  assert(q2.state === "received", "question 2 received");
  await page.reload();
  await page.getByText("Bon retour : vous reprendrez à la question 3.").waitFor();
  await page.getByRole("button", { name: "Continuer" }).click();
  await page.getByRole("button", { name: "Autoriser la caméra et le micro" }).click();
  await page.getByRole("button", { name: "Ma caméra et mon micro fonctionnent" }).click();
  await page.getByText("Question 3 sur 3").waitFor();
  log("reloaded after question 2: resumed at question 3");
  await answer(page, 3, { ms: 3000 });
  const q3 = await result(page);
  assert(q3.state === "received", "question 3 received");
  await page.getByRole("button", { name: "Vérifier mes réponses" }).click();

  // review: send the first take of question 1
  await page.getByRole("heading", { name: "Vérifiez vos réponses" }).waitFor();
  const choice = page.getByRole("group", { name: "Prise à envoyer pour la question 1" });
  await choice.getByRole("radio").first().click(); // (checked once the server has it)
  await waitFor("take 1 chosen", async () => (await choice.getByRole("radio").first().isChecked()), { timeoutMs: 10000 });
  await check(page, "fr-review", { french: true });
  await page.getByRole("button", { name: "Envoyer mes réponses" }).click();
  await page.getByRole("button", { name: "Oui, envoyer" }).click();
  await page.getByRole("heading", { name: "Merci, vos réponses sont envoyées" }).waitFor();
  await check(page, "fr-done", { french: true });
  assert((await keptTakes(page)).length === 0, "the recordings kept on the device are erased once sent");
  // the link opened again shows the confirmation only
  await page.reload();
  await page.getByRole("heading", { name: "Merci, vos réponses sont envoyées" }).waitFor();
  assert(errors.length === 0, `no console error on the French candidate's pages:\n${errors.join("\n")}`);
  await context.close();
  return [q1a.ms, q2.ms, q3.ms];
}

async function candidateEnglish(browser, link, env) {
  const context = await browser.newContext({ locale: "en-GB", viewport: { width: 412, height: 915 }, permissions: ["camera", "microphone"] });
  const page = await context.newPage();
  // the requests cut on purpose while offline
  const errors = collectErrors(page, { ignore: [/ERR_INTERNET_DISCONNECTED|net::ERR|Failed to load resource/] });
  page.setDefaultTimeout(30000);
  const patches = [];
  page.on("request", (r) => {
    if (r.method() === "PATCH") patches.push(Number(r.headers()["upload-offset"]));
  });
  await page.goto(link);
  await page.getByRole("heading", { name: "Analyste de données" }).waitFor();
  assert((await page.locator("html").getAttribute("lang")) === "en", "the English invitation's page is in English");
  await check(page, "en-welcome");
  await page.getByRole("button", { name: "Start" }).click();
  await page.getByLabel("I have read this text and I agree").check();
  await page.getByRole("button", { name: "I agree, continue" }).click();
  await page.getByRole("button", { name: "Allow the camera and the microphone" }).click();
  await page.getByRole("button", { name: "My camera and microphone work" }).click();
  await page.getByRole("button", { name: "Skip the practice" }).click();

  // question 1, uploaded slowly; the network is cut half-way and restored
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 48 * 1024 });
  await answer(page, 1, { ms: 7000 });
  const bar = page.getByRole("progressbar", { name: "Sending" });
  await waitFor("the upload half-way", async () => Number((await bar.getAttribute("aria-valuenow").catch(() => "0")) ?? 0) >= 55, { timeoutMs: 60000, everyMs: 100 });
  await context.setOffline(true);
  const cutAt = patches.length;
  await page.getByTestId("offline").waitFor();
  await check(page, "en-upload-offline");
  await sleep(2500);
  await context.setOffline(false);
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  const q1 = await result(page);
  assert(q1.state === "received", `question 1 received after the cut (${q1.state})`);
  const resumedFrom = patches.slice(cutAt).find((o) => Number.isFinite(o));
  log(`network cut during the upload: PATCH offsets ${patches.join(", ")}; resumed from byte ${resumedFrom}`);
  const kept = (await keptTakes(page)).find((t) => t.takeId === q1.take);
  assert(kept, "the recording was kept on the device while it uploaded");
  const server = django(env, `
import hashlib, json
from interview_ai_lab_web.interviews.models import Take
t = Take.objects.get(pk=${JSON.stringify(q1.take)})
data = t.file.open("rb").read()
print(json.dumps({"sha256": hashlib.sha256(data).hexdigest(), "size": len(data), "parts": len(t.parts), "offset": t.upload_offset}))`);
  assert(server.sha256 === kept.sha256 && server.size === kept.size,
    `the server keeps the recording byte for byte (${server.size} vs ${kept.size} bytes, ${server.sha256.slice(0, 12)} vs ${kept.sha256.slice(0, 12)})`);
  log(`upload after the cut: ${server.size} bytes, SHA-256 equal to the recording's: no byte lost, none twice`);

  await page.getByRole("button", { name: "Next question" }).click();
  await answer(page, 2, { auto: true, ms: 3000 });
  const q2 = await result(page);
  await page.getByRole("button", { name: "Next question" }).click();
  await answer(page, 3, { ms: 2500 });
  const q3 = await result(page);
  assert(q2.state === "received" && q3.state === "received", "questions 2 and 3 received");
  await page.getByRole("button", { name: "Review my answers" }).click();
  await page.getByRole("heading", { name: "Review your answers" }).waitFor();
  await check(page, "en-review");
  await page.getByRole("button", { name: "Send my answers" }).click();
  await page.getByRole("button", { name: "Yes, send" }).click();
  await page.getByRole("heading", { name: "Thank you, your answers are sent" }).waitFor();
  await check(page, "en-done");
  assert(errors.length === 0, `no console error on the English candidate's pages:\n${errors.join("\n")}`);
  await context.close();
  return { lengths: [q1.ms, q2.ms, q3.ms], resumedFrom, bytes: server.size };
}

/** A link that opens nothing: the page says why in `lang`, and shows none of the invitation's data. */
async function refusedLink(browser, link, { locale, code, heading, secrets, french }) {
  const context = await browser.newContext({ locale, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const errors = collectErrors(page, { ignore: [/status of 40[4]|status of 410/] });
  await page.goto(link);
  const el = page.getByTestId("refused");
  await el.waitFor();
  assert((await el.getAttribute("data-code")) === code, `${code}: the page says ${code}`);
  await page.getByRole("heading", { name: heading }).waitFor();
  const text = await page.evaluate(() => document.body.innerText);
  for (const s of secrets) assert(!text.includes(s), `${code}: the page shows no data (${s})`);
  await check(page, `refused-${code}`, { french });
  assert(errors.length === 0, `no console error on the ${code} page:\n${errors.join("\n")}`);
  await context.close();
}

async function cameraRefused(browser, link) {
  const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 390, height: 844 } }); // no permission given
  const page = await context.newPage();
  await page.goto(link);
  await page.getByRole("button", { name: "Commencer" }).click();
  await page.getByLabel("J'ai lu ce texte et j'accepte").check();
  await page.getByRole("button", { name: "J'accepte et je continue" }).click();
  await page.getByRole("button", { name: "Autoriser la caméra et le micro" }).click();
  const problem = page.getByTestId("device-problem");
  await problem.waitFor();
  assert((await problem.getAttribute("data-problem")) === "denied", "a refused permission is said as refused");
  await page.getByText("L'accès à la caméra ou au micro a été refusé.").waitFor();
  await check(page, "fr-camera-refused", { french: true });
  await context.close();
}

// --------------------------------------------------------------------------- the recruiter

async function signIn(browser, base) {
  const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(30000);
  await page.goto(`${base}/`);
  await page.getByLabel("Identifiant").fill(RECRUITER);
  await page.getByLabel("Mot de passe").fill(PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.getByRole("heading", { name: "Nouvel entretien" }).waitFor();
  return page;
}

async function invite(page, { name, email, language, send }) {
  const form = page.getByTestId("invite-form");
  await form.getByLabel("Nom").fill(name);
  if (email) await form.getByLabel("Adresse e-mail (facultative)").fill(email);
  await form.getByLabel("Langue de la page et du message").selectOption(language);
  if (send) await form.getByLabel("Envoyer le lien par e-mail").check();
  await form.getByRole("button", { name: "Créer l'invitation" }).click();
  const box = page.getByTestId("invitation-link");
  await box.getByText(name).waitFor();
  return box.locator("input").inputValue();
}

async function main() {
  mkdirSync(ARTIFACTS, { recursive: true });
  database("create", dbName);
  const dist = join(tmp, "dist");
  await buildFrontend(dist);
  const smtpPort = await freePort();
  const maildir = join(tmp, "maildir");
  const env = walkEnv({ tmp, dbName, dist, prefix: "ial-candidate", extra: {
    CELERY_BROKER_URL: REDIS_URL, IAL_PIPELINE_THREADS: "2", IAL_HEARTBEAT_SEC: "2", EMAIL_HOST: "127.0.0.1",
    EMAIL_PORT: String(smtpPort), DEFAULT_FROM_EMAIL: "recrutement@acme.example", IAL_CANDIDATE_RATE: "2000/min",
    TOKENIZERS_PARALLELISM: "false" } });
  migrateWithUsers(env, [RECRUITER], PASSWORD);
  const { position } = JSON.parse(run(PY, [join(FRONTEND, "e2e", "seed_candidate.py"), RECRUITER], { cwd: WEB, env }).trim().split("\n").pop());
  const devices = JSON.parse(run(PY, ["-m", "frontend.e2e.make_devices", join(tmp, "devices")], { cwd: ROOT }).trim().split("\n").pop());
  log(`position ${position}; camera ${devices.camera}, microphone ${devices.mic_seconds} s of real speech`);

  // the SMTP server, gunicorn, the worker
  procs.start("smtp", PY, ["-c", `
import mailbox, sys
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
Controller(Mailbox(${JSON.stringify(maildir)}), hostname="127.0.0.1", port=${smtpPort}).start()
print("smtp up", flush=True)
import time
while True: time.sleep(3600)
`], { cwd: ROOT, env });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  procs.start("server", PY, ["-m", "gunicorn", "interview_ai_lab_web.wsgi:application", "--bind", `127.0.0.1:${port}`,
    "--workers", "2", "--worker-class", "gthread", "--threads", "4", "--timeout", "120"], { cwd: WEB, env });
  procs.start("worker", PY, ["-m", "celery", "-A", "interview_ai_lab_web", "worker", "--pool=solo", "--concurrency=1", "--loglevel=INFO",
    "-Q", env.IAL_CELERY_QUEUE, "-n", `candidate-${process.pid}@%h`, "--without-gossip", "--without-mingle", "--without-heartbeat"], { cwd: WEB, env });
  await waitFor("gunicorn", async () => {
    try {
      return (await fetch(`${base}/api/auth/csrf/`)).ok;
    } catch {
      return false;
    }
  }, { timeoutMs: 90000 });
  log(`gunicorn up on ${base}`);

  const browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: [...CHROMIUM_ARGS, "--use-fake-device-for-media-stream", `--use-file-for-fake-video-capture=${devices.camera}`,
      `--use-file-for-fake-audio-capture=${devices.mic}`, "--autoplay-policy=no-user-gesture-required"],
  });
  try {
    // the recruiter invites: by e-mail (French) and by the link shown once (English)
    const rec = await signIn(browser, base);
    await rec.goto(`${base}/#/positions/${position}`);
    await rec.getByTestId("invitations").waitFor();
    await rec.getByTestId("oneway-settings").getByText("Réflexion : 2 s").waitFor();
    await invite(rec, { name: "Chloé Durand", email: "chloe@example.com", language: "fr", send: true });
    await rec.getByText("Le lien a été envoyé à chloe@example.com.").waitFor();
    const mail = await waitFor("the invitation e-mail", () => mailedLink(maildir, "chloe@example.com"), { timeoutMs: 20000 });
    assert(mail.subject.includes("Analyste de données") && mail.body.startsWith("Bonjour Chloé Durand"), `the e-mail: ${mail.subject}`);
    assert(mail.link.startsWith(`${base}/#/invitation/`), `the e-mailed link points to the site: ${mail.link}`);
    log(`the SMTP server received "${mail.subject}" with the link`);
    const enLink = await invite(rec, { name: "Sam Taylor", language: "en" });
    const deniedLink = await invite(rec, { name: "Denis Caméra", language: "fr" });
    const revokedLink = await invite(rec, { name: "Rémi Retiré", language: "fr" });
    const revokedRow = rec.getByTestId("invitation-row").filter({ hasText: "Rémi Retiré" });
    await revokedRow.getByRole("button", { name: "Retirer" }).click();
    await rec.getByText("Invitation retirée : le lien ne fonctionne plus.").waitFor();
    const expiredLink = await invite(rec, { name: "Eve Expired", language: "en" });
    django(env, `
import json
from datetime import timedelta
from django.utils import timezone
from interview_ai_lab_web.interviews.models import Invitation
print(json.dumps(Invitation.objects.filter(candidate_name="Eve Expired").update(deadline=timezone.now() - timedelta(minutes=1))))`);

    // the candidates
    const frLengths = await candidateFrench(browser, mail.link);
    log(`French candidate done; chosen takes recorded ${frLengths.map((ms) => (ms / 1000).toFixed(2)).join(" s, ")} s`);
    const en = await candidateEnglish(browser, enLink, env);
    log(`English candidate done; takes recorded ${en.lengths.map((ms) => (ms / 1000).toFixed(2)).join(" s, ")} s`);
    await refusedLink(browser, expiredLink, { locale: "fr-FR", code: "expired", heading: "This link has expired", secrets: ["Eve", "Analyste"], french: false });
    await refusedLink(browser, revokedLink, { locale: "en-GB", code: "revoked", heading: "Cette invitation a été retirée", secrets: ["Rémi", "Analyste"], french: true });
    await refusedLink(browser, `${base}/#/invitation/${randomBytes(32).toString("base64url")}`, { locale: "fr-FR", code: "invalid", heading: "Ce lien ne fonctionne pas", secrets: ["Analyste", "Acme"], french: true });
    await cameraRefused(browser, deniedLink);
    log("expired, revoked and forged links refused in the candidate's language; a refused camera said plainly");

    // the recruiter reads both reports: three answers each, boundaries as recorded
    await rec.reload();
    const rows = await waitFor("both interviews made and analysed", async () => {
      const list = await (await rec.request.get(`${base}/api/positions/${position}/invitations/`)).json();
      const done = list.filter((i) => i.state === "submitted" && i.interview);
      if (done.length < 2) return null;
      const states = await Promise.all(done.map(async (i) => (await (await rec.request.get(`${base}/api/interviews/${i.interview}/`)).json()).status));
      if (states.includes("ERROR")) throw new Error(`an analysis failed:\n${tail("worker")}`);
      return states.every((s) => s === "DONE") ? done : null;
    }, { timeoutMs: ANALYSIS_TIMEOUT_MS, everyMs: 3000 });
    log("both interviews analysed");
    const errorsAt = [];
    for (const [name, lengths] of [["Chloé Durand", frLengths], ["Sam Taylor", en.lengths]]) {
      const inv = rows.find((r) => r.candidate_name === name);
      const report = await (await rec.request.get(`${base}/api/interviews/${inv.interview}/report/`)).json();
      assert(report.questions.length === 3 && report.questions.every((q) => q.answered !== false && q.boundary_method === "given"),
        `${name}: three answers with given boundaries`);
      let start = 0;
      report.questions.forEach((q, i) => {
        const end = start + lengths[i] / 1000;
        const err = Math.max(Math.abs(q.start - start), Math.abs(q.end - end));
        errorsAt.push(err);
        assert(err <= 0.5, `${name}, answer ${i + 1}: [${q.start}, ${q.end}] s against [${start.toFixed(2)}, ${end.toFixed(2)}] s recorded`);
        start = end;
      });
      log(`${name}: answers at ${report.questions.map((q) => `${q.start}-${q.end}`).join(", ")} s; words ${report.questions.map((q) => (q.transcript ?? "").split(/\s+/).filter(Boolean).length).join(", ")}`);
    }
    log(`boundary errors against the recordings' lengths: max ${Math.max(...errorsAt).toFixed(3)} s, mean ${(errorsAt.reduce((a, b) => a + b, 0) / errorsAt.length).toFixed(3)} s`);
    const fr = rows.find((r) => r.candidate_name === "Chloé Durand");
    await rec.goto(`${base}/#/interviews/${fr.interview}`);
    const plays = rec.getByTestId("play-answer");
    await waitFor("a play button per answer", async () => (await plays.count()) === 3, { timeoutMs: 30000 });
    await plays.nth(1).click();
    const played = await waitFor("answer 2 played on its own", () => rec.evaluate(() => {
      const v = document.querySelector("video");
      return v && v.paused && v.currentTime > 0.5 ? v.currentTime : null;
    }), { timeoutMs: 30000, everyMs: 250 });
    log(`answer 2 played alone, paused at ${played.toFixed(2)} s`);
    await rec.screenshot({ path: join(ARTIFACTS, "candidate-recruiter-report.png"), fullPage: true });
    await rec.goto(`${base}/#/positions/${position}`);
    await rec.getByTestId("invitation-rows").waitFor();
    await rec.screenshot({ path: join(ARTIFACTS, "candidate-recruiter-invitations.png"), fullPage: true });
  } finally {
    await browser.close();
  }
  assert(found.length === 0, `problems on the candidate pages:\n${found.join("\n")}`);
  console.log(`OK: one-way interviews recorded in the browser (French and English), resumed after a cut and a reload, refused links, e-mail, axe clean, boundaries within 0.5 s (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}

runWalk(main, { procs, dbName, tmp, log });
