/**
 * The candidate page's words, French first and English: the invitation's language picks one (a forged
 * link, whose language is unknown, follows the browser's). `{name}` marks a variable. Kept apart from the
 * recruiter app's catalogues: a candidate never sees those pages.
 */
import type { Lang } from "../i18n/messages";
import { catalogueText, type Vars } from "../i18n/template";

const fr = {
  "page.title": "Entretien vidéo en différé",
  "skip": "Aller au contenu",
  "loading": "Chargement…",
  "steps.label": "Étapes de l'entretien",
  "step.welcome": "Présentation",
  "step.consent": "Consentement",
  "step.device": "Caméra et micro",
  "step.practice": "Essai",
  "step.questions": "Questions",
  "step.review": "Vérification",
  "step.done": "Envoi",
  "progress": "Question {k} sur {n}",
  "progress.answered": "{k} question(s) sur {n} répondue(s)",

  "welcome.title": "{title}",
  "welcome.hello": "Bonjour {name},",
  "welcome.intro": "{organisation} vous invite à un entretien vidéo en différé : vous répondez seul·e, face à votre caméra, quand cela vous convient.",
  "welcome.how": "Comment ça se passe",
  "welcome.questions": "{n} question(s), affichées une à une.",
  "welcome.think": "Pour chaque question, vous avez {seconds} pour réfléchir ; l'enregistrement démarre ensuite tout seul (vous pouvez le lancer plus tôt).",
  "welcome.thinkNone": "L'enregistrement démarre dès que la question s'affiche.",
  "welcome.thinkUnlimited": "Prenez le temps de réfléchir : l'enregistrement démarre quand vous le lancez.",
  "welcome.answer": "Chaque réponse dure au plus {seconds} ; vous pouvez l'arrêter avant.",
  "welcome.takes": "Vous pouvez enregistrer chaque réponse jusqu'à {n} fois et choisir celle que vous envoyez.",
  "welcome.takesOne": "Chaque réponse s'enregistre une seule fois.",
  "welcome.takesUnlimited": "Vous pouvez enregistrer chaque réponse autant de fois que vous le souhaitez et choisir celle que vous envoyez.",
  "welcome.later": "Vous pouvez vous arrêter et reprendre plus tard avec le même lien, jusqu'au {deadline}.",
  "welcome.resume": "Bon retour : vous reprendrez à la question {k}.",
  "welcome.privacy": "Vos données",
  "welcome.privacyText": "Vos réponses sont envoyées à {organisation} uniquement. Un logiciel analyse la parole, le langage et des signaux non verbaux observables pour aider la personne qui recrute ; c'est elle qui décide. Les enregistrements sont conservés {days} au plus ; vous pouvez demander à les consulter, les exporter ou les supprimer.",
  "welcome.privacyForever": "jusqu'à leur suppression",
  "welcome.days": "{n} jours",
  "welcome.start": "Commencer",
  "welcome.continue": "Continuer",

  "consent.title": "Votre consentement",
  "consent.read": "Lisez ce texte avant d'accepter :",
  "consent.agree": "J'ai lu ce texte et j'accepte que mon entretien soit enregistré et analysé.",
  "consent.submit": "J'accepte et je continue",
  "consent.required": "Cochez la case pour continuer : sans votre accord, rien n'est enregistré.",

  "device.title": "Vérifiez votre caméra et votre micro",
  "device.intro": "Votre navigateur va vous demander l'accès à la caméra et au micro. Rien n'est enregistré à cette étape.",
  "device.ask": "Autoriser la caméra et le micro",
  "device.preview": "Aperçu de votre caméra",
  "device.level": "Niveau du micro",
  "device.speak": "Parlez : la barre doit bouger.",
  "device.heard": "Le micro vous entend.",
  "device.ok": "Ma caméra et mon micro fonctionnent",
  "device.denied": "L'accès à la caméra ou au micro a été refusé. Autorisez-le dans les réglages de votre navigateur (l'icône à gauche de l'adresse), puis réessayez.",
  "device.none": "Aucune caméra ou aucun micro n'a été trouvé. Branchez-en un, ou ouvrez le lien sur un autre appareil, puis réessayez.",
  "device.busy": "La caméra ou le micro est déjà utilisé par une autre application. Fermez-la puis réessayez.",
  "device.unsupported": "Ce navigateur ne sait pas enregistrer de vidéo. Ouvrez le lien dans un navigateur récent (Chrome, Firefox, Edge ou Safari).",
  "device.insecure": "La caméra n'est disponible que sur une connexion sécurisée (https). Contactez la personne qui vous a invité·e.",
  "device.failed": "La caméra ou le micro n'a pas pu démarrer ({reason}). Réessayez.",
  "device.retry": "Réessayer",

  "practice.title": "Question d'essai",
  "practice.intro": "Entraînez-vous : cet enregistrement reste sur votre appareil et n'est jamais envoyé.",
  "practice.again": "Refaire l'essai",
  "practice.skip": "Passer l'essai",
  "practice.done": "Commencer l'entretien",
  "practice.playback": "Votre essai",

  "q.title": "Question {k}",
  "q.think": "Temps de réflexion : {time}",
  "q.thinkLeft": "L'enregistrement démarre dans {time}.",
  "q.thinkUnlimited": "Prenez le temps de réfléchir, puis lancez l'enregistrement.",
  "q.startNow": "Commencer l'enregistrement",
  "q.recording": "Enregistrement en cours",
  "q.recordingStarted": "Enregistrement démarré.",
  "q.elapsed": "{elapsed} sur {limit}",
  "q.left": "Il reste {time}.",
  "q.stop": "Arrêter l'enregistrement",
  "q.stopped": "Enregistrement terminé ({time}).",
  "q.takeN": "Prise {n}",
  "q.takesLeft": "{n} prise(s) restante(s)",
  "q.takesUnlimited": "prises illimitées",
  "q.later": "Finir plus tard",
  "q.laterText": "Vous pouvez fermer cette page. Ouvrez à nouveau le lien pour reprendre à la question {k} ; ce qui est déjà envoyé est conservé.",
  "q.laterBack": "Reprendre maintenant",

  "up.title": "Envoi de votre réponse",
  "up.progress": "Envoi",
  "up.percent": "{percent} % envoyé",
  "up.offline": "La connexion est coupée : l'envoi reprendra tout seul dès son retour, à l'endroit où il s'est arrêté. Rien n'est perdu ; gardez cette page ouverte.",
  "up.retrying": "Nouvel essai d'envoi…",
  "up.failed": "L'envoi n'a pas abouti ({reason}). Vérifiez votre connexion puis réessayez : il reprendra là où il s'est arrêté.",
  "up.retry": "Réessayer l'envoi",
  "up.checking": "Vérification de l'enregistrement…",
  "up.received": "Réponse reçue ({time}).",
  "up.resuming": "Une réponse enregistrée avant n'était pas entièrement envoyée : l'envoi reprend.",

  "take.failed": "Cet enregistrement n'a pas pu être utilisé : {reason}.",
  "take.failedLast": "Plus aucune prise ne reste pour cette question : la personne qui recrute en sera informée.",
  "take.again": "Réenregistrer ({left})",
  "take.againUnlimited": "Réenregistrer",
  "take.next": "Question suivante",
  "take.toReview": "Vérifier mes réponses",
  "take.keep": "Garder cette réponse",
  "err.not_a_video": "le fichier reçu n'est pas une vidéo lisible",
  "err.no_streams": "il ne contient ni image ni son",
  "err.too_long": "il dépasse la durée de réponse",
  "err.empty": "il est vide",
  "err.unsupported_type": "ce type de fichier n'est pas accepté",
  "err.unknown": "il n'a pas pu être lu",

  "review.title": "Vérifiez vos réponses",
  "review.intro": "Choisissez, pour chaque question, la prise à envoyer. Après l'envoi, plus rien ne peut être modifié.",
  "review.choose": "Prise à envoyer pour la question {k}",
  "review.take": "Prise {n} ({time})",
  "review.unanswered": "Pas de réponse utilisable : la personne qui recrute en sera informée.",
  "review.play": "Revoir la prise {n}",
  "review.submit": "Envoyer mes réponses",
  "review.confirm": "Envoyer définitivement ? Vous ne pourrez plus modifier vos réponses.",
  "review.confirmYes": "Oui, envoyer",
  "review.cancel": "Annuler",

  "done.title": "Merci, vos réponses sont envoyées",
  "done.text": "{organisation} a bien reçu votre entretien pour le poste « {title} ». Vous n'avez rien d'autre à faire ; vous pouvez fermer cette page.",
  "done.cleared": "Les enregistrements gardés sur cet appareil pendant l'entretien ont été effacés.",
  "done.when": "Envoyé le {date}.",

  "refused.invalid.title": "Ce lien ne fonctionne pas",
  "refused.invalid.text": "Ce lien d'entretien n'existe pas ou n'est plus valable (un nouveau lien a peut-être été envoyé). Vérifiez que vous l'avez copié en entier, ou demandez un nouveau lien à la personne qui vous a invité·e.",
  "refused.expired.title": "Ce lien a expiré",
  "refused.expired.text": "La date limite de cet entretien est passée : il ne peut plus être enregistré. Si vous pensez qu'il s'agit d'une erreur, contactez la personne qui vous a invité·e.",
  "refused.revoked.title": "Cette invitation a été retirée",
  "refused.revoked.text": "Cet entretien n'est plus ouvert. Pour toute question, contactez la personne qui vous a invité·e.",

  "error.network": "Le serveur est injoignable : vérifiez votre connexion puis réessayez.",
  "error.tooMany": "Trop de demandes : attendez une minute puis réessayez.",
  "error.server": "Une erreur est survenue ({detail}). Réessayez dans un instant.",
  "error.retry": "Réessayer",
  "time.s": "{s} s",
  "time.ms": "{m} min {s} s",
  "time.m": "{m} min",
};

type Key = keyof typeof fr;

const en: Record<Key, string> = {
  "page.title": "One-way video interview",
  "skip": "Skip to content",
  "loading": "Loading…",
  "steps.label": "Steps of the interview",
  "step.welcome": "Welcome",
  "step.consent": "Consent",
  "step.device": "Camera and microphone",
  "step.practice": "Practice",
  "step.questions": "Questions",
  "step.review": "Review",
  "step.done": "Sent",
  "progress": "Question {k} of {n}",
  "progress.answered": "{k} of {n} question(s) answered",

  "welcome.title": "{title}",
  "welcome.hello": "Hello {name},",
  "welcome.intro": "{organisation} invites you to a one-way video interview: you answer on your own, on camera, whenever it suits you.",
  "welcome.how": "How it works",
  "welcome.questions": "{n} question(s), shown one at a time.",
  "welcome.think": "For each question you have {seconds} to think; then the recording starts by itself (you can start it sooner).",
  "welcome.thinkNone": "The recording starts as soon as the question is shown.",
  "welcome.thinkUnlimited": "Take the time you need to think: the recording starts when you start it.",
  "welcome.answer": "Each answer lasts at most {seconds}; you can stop it earlier.",
  "welcome.takes": "You can record each answer up to {n} times and choose the one you send.",
  "welcome.takesOne": "Each answer is recorded once.",
  "welcome.takesUnlimited": "You can record each answer as many times as you like and choose the one you send.",
  "welcome.later": "You can stop and carry on later with the same link, until {deadline}.",
  "welcome.resume": "Welcome back: you will carry on at question {k}.",
  "welcome.privacy": "Your data",
  "welcome.privacyText": "Your answers go to {organisation} only. Software analyses the speech, the language and observable non-verbal signals to assist the recruiter, who makes every decision. The recordings are kept for {days} at most; you may ask to see, export or delete them.",
  "welcome.privacyForever": "until they are deleted",
  "welcome.days": "{n} days",
  "welcome.start": "Start",
  "welcome.continue": "Continue",

  "consent.title": "Your consent",
  "consent.read": "Read this text before you agree:",
  "consent.agree": "I have read this text and I agree that my interview is recorded and analysed.",
  "consent.submit": "I agree, continue",
  "consent.required": "Tick the box to continue: without your consent nothing is recorded.",

  "device.title": "Check your camera and microphone",
  "device.intro": "Your browser will ask for access to the camera and the microphone. Nothing is recorded at this step.",
  "device.ask": "Allow the camera and the microphone",
  "device.preview": "Your camera's preview",
  "device.level": "Microphone level",
  "device.speak": "Speak: the bar should move.",
  "device.heard": "The microphone hears you.",
  "device.ok": "My camera and microphone work",
  "device.denied": "Access to the camera or the microphone was refused. Allow it in your browser's settings (the icon left of the address), then try again.",
  "device.none": "No camera or no microphone was found. Plug one in, or open the link on another device, then try again.",
  "device.busy": "The camera or the microphone is already used by another application. Close it, then try again.",
  "device.unsupported": "This browser cannot record video. Open the link in a recent browser (Chrome, Firefox, Edge or Safari).",
  "device.insecure": "The camera is only available over a secure connection (https). Contact the person who invited you.",
  "device.failed": "The camera or the microphone could not start ({reason}). Try again.",
  "device.retry": "Try again",

  "practice.title": "Practice question",
  "practice.intro": "Practise: this recording stays on your device and is never sent.",
  "practice.again": "Practise again",
  "practice.skip": "Skip the practice",
  "practice.done": "Start the interview",
  "practice.playback": "Your practice",

  "q.title": "Question {k}",
  "q.think": "Time to think: {time}",
  "q.thinkLeft": "The recording starts in {time}.",
  "q.thinkUnlimited": "Take the time you need to think, then start the recording.",
  "q.startNow": "Start recording",
  "q.recording": "Recording",
  "q.recordingStarted": "Recording started.",
  "q.elapsed": "{elapsed} of {limit}",
  "q.left": "{time} left.",
  "q.stop": "Stop recording",
  "q.stopped": "Recording finished ({time}).",
  "q.takeN": "Take {n}",
  "q.takesLeft": "{n} take(s) left",
  "q.takesUnlimited": "unlimited takes",
  "q.later": "Finish later",
  "q.laterText": "You can close this page. Open the link again to carry on at question {k}; what was sent is kept.",
  "q.laterBack": "Carry on now",

  "up.title": "Sending your answer",
  "up.progress": "Sending",
  "up.percent": "{percent}% sent",
  "up.offline": "The connection is down: sending resumes by itself as soon as it is back, where it stopped. Nothing is lost; keep this page open.",
  "up.retrying": "Trying to send again…",
  "up.failed": "Sending did not succeed ({reason}). Check your connection and try again: it resumes where it stopped.",
  "up.retry": "Try sending again",
  "up.checking": "Checking the recording…",
  "up.received": "Answer received ({time}).",
  "up.resuming": "An answer recorded earlier was not completely sent: sending resumes.",

  "take.failed": "This recording could not be used: {reason}.",
  "take.failedLast": "No take is left for this question: the recruiter will be told.",
  "take.again": "Record again ({left})",
  "take.againUnlimited": "Record again",
  "take.next": "Next question",
  "take.toReview": "Review my answers",
  "take.keep": "Keep this answer",
  "err.not_a_video": "the file received is not a readable video",
  "err.no_streams": "it holds neither picture nor sound",
  "err.too_long": "it is longer than the answer time",
  "err.empty": "it is empty",
  "err.unsupported_type": "this kind of file is not accepted",
  "err.unknown": "it could not be read",

  "review.title": "Review your answers",
  "review.intro": "Choose, for each question, the take to send. Once sent, nothing can be changed.",
  "review.choose": "Take to send for question {k}",
  "review.take": "Take {n} ({time})",
  "review.unanswered": "No usable answer: the recruiter will be told.",
  "review.play": "Watch take {n} again",
  "review.submit": "Send my answers",
  "review.confirm": "Send for good? You will not be able to change your answers.",
  "review.confirmYes": "Yes, send",
  "review.cancel": "Cancel",

  "done.title": "Thank you, your answers are sent",
  "done.text": "{organisation} has received your interview for the position \"{title}\". There is nothing else to do; you can close this page.",
  "done.cleared": "The recordings kept on this device during the interview were erased.",
  "done.when": "Sent on {date}.",

  "refused.invalid.title": "This link does not work",
  "refused.invalid.text": "This interview link does not exist or is no longer valid (a new link may have been sent). Check that you copied all of it, or ask the person who invited you for a new link.",
  "refused.expired.title": "This link has expired",
  "refused.expired.text": "The deadline of this interview has passed: it can no longer be recorded. If you think this is a mistake, contact the person who invited you.",
  "refused.revoked.title": "This invitation was withdrawn",
  "refused.revoked.text": "This interview is no longer open. For any question, contact the person who invited you.",

  "error.network": "The server cannot be reached: check your connection, then try again.",
  "error.tooMany": "Too many requests: wait a minute, then try again.",
  "error.server": "Something went wrong ({detail}). Try again in a moment.",
  "error.retry": "Try again",
  "time.s": "{s} s",
  "time.ms": "{m} min {s} s",
  "time.m": "{m} min",
};

export type CandidateKey = Key;
export const CANDIDATE_MESSAGES: Record<Lang, Record<Key, string>> = { fr, en };

/** The text of `key` in `lang`, its `{name}` variables filled. */
export function candidateText(lang: Lang, key: Key, vars?: Vars): string {
  return catalogueText(CANDIDATE_MESSAGES, lang, key, vars);
}

/** A length of time in words: "45 s", "2 min", "1 min 30 s" (whole seconds). */
export function durationWords(lang: Lang, seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  const r = s % 60;
  if (m === 0) return candidateText(lang, "time.s", { s });
  return r === 0 ? candidateText(lang, "time.m", { m }) : candidateText(lang, "time.ms", { m, s: r });
}

/** A clock: "1:05" (minutes:seconds). */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** The language of a page whose invitation is unknown (a forged link): the browser's, French or English. */
export function browserLang(): Lang {
  const langs = typeof navigator !== "undefined" ? [...(navigator.languages ?? []), navigator.language] : [];
  const first = langs.find((l) => /^(fr|en)\b/i.test(l ?? ""));
  return first && /^en/i.test(first) ? "en" : "fr";
}
