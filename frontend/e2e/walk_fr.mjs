// The French UI walked page by page in real headless Chromium: sign-in, the list, and the report
// pages of five interviews stored through Django (frontend/e2e/seed_walk.py): done, no audio
// track, no face, with questions (one answer off topic), failed (its stored reason names the
// video's internal UUID path) — and an upload the server refuses. On every page, with every
// expandable section open (the administrators' technical details excepted), the visible text
// must hold no English, no internal file name or server path, and only French number formats.
// Screenshots go to tests/artifacts/walk-fr-*.png. Every process started here is stopped.
//   node e2e/walk_fr.mjs      (from frontend/; needs ../.venv, PostgreSQL on 127.0.0.1:5432)
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assert, collectErrors, launch } from "./browser.mjs";
import { problems, visibleText } from "./french.mjs";
import {
  ARTIFACTS, buildFrontend, database, FRONTEND, migrateWithUsers, processGroups, PY, run, runWalk, startServer, testClip, walkEnv, WEB,
} from "./processes.mjs";

const tmp = mkdtempSync(join(tmpdir(), "ial-walk-"));
const dbName = `ial_walk_${process.pid}_${randomBytes(3).toString("hex")}`;
const USER = "recruteuse";
const PASSWORD = `walk-${randomBytes(8).toString("hex")}`;
const log = (...a) => console.log(`[walk ${new Date().toISOString().slice(11, 19)}]`, ...a);
const procs = processGroups({ logDir: tmp, log });

async function main() {
  // The checks can fail: English sentences and numbers of the English UI are caught.
  for (const en of ["Interview score: 40 out of the 40 points that could be measured", "neutral (0.51)", "eye contact 97%"]) {
    assert(problems("self-check", en).length > 0, `the English check misses: ${en}`);
  }
  assert(problems("self-check", "neutre (confiance 51 %), 0,97 : Entretien d'Emma").length === 0, "the check passes French");
  mkdirSync(ARTIFACTS, { recursive: true });
  database("create", dbName);
  const dist = join(tmp, "dist");
  await buildFrontend(dist);
  const env = walkEnv({ tmp, dbName, dist, prefix: "ial-walk", extra: { IAL_UPLOAD_MAX_MB: "50" } });
  migrateWithUsers(env, [USER], PASSWORD);
  const clip = join(tmp, "clip.mp4");
  testClip(clip);
  const ids = JSON.parse(run(PY, [join(FRONTEND, "e2e", "seed_walk.py"), USER, clip], { cwd: WEB, env }).trim().split("\n").pop());
  log(`seeded ${Object.keys(ids).join(", ")}`);

  const base = await startServer(procs, env, tmp);
  log(`server up on ${base}`);

  const browser = await launch();
  const found = [];
  try {
    const page = await (await browser.newContext({ locale: "fr-FR", viewport: { width: 1280, height: 900 } })).newPage();
    // 400: the refused upload (on purpose); 404: optional endpoints a server may not have
    const errors = collectErrors(page, { ignore: [/status of 40[04]/] });
    await page.goto(`${base}/`);
    await page.getByRole("heading", { name: "Connexion" }).waitFor();
    found.push(...problems("sign-in", await visibleText(page)));
    await page.getByLabel("Identifiant").fill(USER);
    await page.getByLabel("Mot de passe").fill(PASSWORD);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.getByRole("heading", { name: "Nouvel entretien" }).waitFor();
    await page.getByTestId("interview-row").nth(4).waitFor();

    // The list: an incomplete interview reads "Incomplet" with what could be measured, never a total.
    const noAudioRow = page.locator(`[data-testid=interview-row][data-id="${ids.no_audio}"]`);
    const cell = (await noAudioRow.getByTestId("list-score").innerText()).replace(/\s+/g, " ");
    assert(cell.includes("Incomplet") && cell.includes("sur les 40 points qui ont pu être mesurés") && !/\/ 100/.test(cell), `no-audio row: ${cell}`);
    const failedRow = page.locator(`[data-testid=interview-row][data-id="${ids.failed}"]`);
    const failedText = await failedRow.innerText();
    assert(failedText.includes("La vidéo est tronquée ou endommagée."), `failed row: ${failedText}`);
    found.push(...problems("list", await visibleText(page)));
    await page.screenshot({ path: join(ARTIFACTS, "walk-fr-list.png"), fullPage: true });

    // A refused upload: a text file named .mp4 (the server's probe refuses it; no temp path shown).
    const notVideo = join(tmp, "notes.mp4");
    writeFileSync(notVideo, "pas une vidéo\n".repeat(50));
    await page.locator("input[type=file][name=video]").setInputFiles(notVideo);
    await page.getByLabel("Nom du candidat ou de la candidate").fill("Zoé Petit");
    await page.getByLabel(/a consenti à l'enregistrement/).check();
    const consent = await page.getByTestId("consent-text").evaluate((el) => el.textContent);
    assert(consent.startsWith("J'accepte"), `consent text in French: ${consent}`);
    await page.getByRole("button", { name: "Envoyer" }).click();
    await page.getByText("Erreur : Le fichier n'est pas une vidéo lisible.").waitFor({ timeout: 60000 });
    found.push(...problems("refused upload", await visibleText(page)));
    await page.screenshot({ path: join(ARTIFACTS, "walk-fr-upload-refused.png"), fullPage: true });

    const expect = {
      done: async () => {
        assert((await page.getByRole("heading", { level: 1 }).innerText()) === "Entretien d'Emma Real", "French elision in the title");
        assert((await page.getByTestId("total-score").getAttribute("data-incomplete")) === "false", "done: a total");
        const consent = await page.getByTestId("consent").innerText();
        assert(/^recueilli le .* · texte lu en français$/.test(consent), `the consent and its language: ${consent}`);
      },
      no_audio: async () => {
        const t = await page.getByTestId("total-score").innerText();
        assert(t.includes("Incomplet") && t.includes("Verbal : pas de piste audio"), `no audio total: ${t}`);
        assert((await page.getByTestId("radar-chart").getAttribute("data-complete")) === "false", "no-audio radar draws no area");
        assert((await page.getByRole("heading", { level: 1 }).innerText()) === "Entretien d'Hugo Lefèvre", "elision before a mute h");
      },
      no_face: async () => {
        const t = await page.getByTestId("total-score").innerText();
        assert(t.includes("Incomplet") && t.includes("Non verbal : aucun visage détecté"), `no face total: ${t}`);
      },
      questions: async () => {
        const answers = await page.getByTestId("answer-score").allInnerTexts();
        assert(answers.length === 2 && answers.every((a) => a.startsWith("Score de la réponse")), `answer scores: ${answers}`);
        const comp = await page.getByTestId("composition-answers").evaluate((el) => el.textContent.replace(/\s+/g, " "));
        assert(comp.includes("question 2 : couverture 8"), `composition: ${comp}`);
      },
      failed: async () => {
        const s = await page.getByTestId("status").innerText();
        assert(s.includes("Raison : La vidéo est tronquée ou endommagée."), `failed status: ${s}`);
      },
    };
    for (const [key, id] of Object.entries(ids)) {
      await page.goto(`${base}/#/interviews/${id}`);
      await page.getByRole("heading", { level: 1 }).waitFor();
      if (key !== "failed") await page.getByTestId("radar-chart").waitFor({ state: "visible", timeout: 30000 });
      else await page.getByTestId("status").waitFor();
      await page.waitForLoadState("networkidle");
      await expect[key]();
      found.push(...problems(key, await visibleText(page)));
      await page.screenshot({ path: join(ARTIFACTS, `walk-fr-${key}.png`), fullPage: true });
      log(`walked ${key}`);
    }
    assert(errors.length === 0, `browser errors:\n${errors.join("\n")}`);
  } finally {
    await browser.close();
  }
  if (found.length) throw new Error(`the French UI is not entirely French:\n${[...new Set(found)].join("\n")}`);
  log("OK: every page in French, no internal name or path, French numbers");
}

runWalk(main, { procs, dbName, tmp, log });
