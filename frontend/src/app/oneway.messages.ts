/**
 * The recruiter's words for one-way interviews recorded in the candidate's browser (the position's recording
 * settings, the invitations and their states), French first and English. `{name}` marks a variable.
 */
import { useCatalogueText } from "../i18n/i18n";
import type { Lang } from "../i18n/messages";
import { catalogueText, type Vars } from "../i18n/template";

const fr = {
  "set.legend": "Entretien enregistré par la candidate ou le candidat",
  "set.hint": "Ces réglages s'appliquent aux invitations : chaque question s'affiche à son tour et la réponse s'enregistre dans le navigateur.",
  "set.think": "Temps de réflexion avant chaque réponse",
  "set.answer": "Durée maximale d'une réponse",
  "set.takes": "Prises par réponse",
  "set.practice": "Question d'essai (facultative, jamais envoyée)",
  "set.none": "aucun (l'enregistrement démarre aussitôt)",
  "set.unlimited": "illimité",
  "set.unlimitedTakes": "illimitées",
  "set.seconds": "{n} s",
  "set.minutes": "{n} min",
  "set.minSec": "{m} min {s} s",
  "set.summary": "Réflexion : {think} · réponse : {answer} au plus · prises : {takes}",
  "set.practiceSummary": "Question d'essai : « {text} »",
  "inv.title": "Invitations",
  "inv.intro": "Invitez une candidate ou un candidat à enregistrer ses réponses depuis son navigateur, avec un lien personnel.",
  "inv.empty": "Aucune invitation pour l'instant.",
  "inv.noQuestion": "Ajoutez au moins une question au poste pour inviter.",
  "inv.new": "Inviter une candidate ou un candidat",
  "inv.name": "Nom",
  "inv.email": "Adresse e-mail (facultative)",
  "inv.language": "Langue de la page et du message",
  "inv.deadline": "Date limite",
  "inv.sendEmail": "Envoyer le lien par e-mail",
  "inv.create": "Créer l'invitation",
  "inv.created": "Invitation créée pour {name}.",
  "inv.link": "Lien personnel de {name}",
  "inv.linkHint": "Copiez-le maintenant : il ne peut plus être affiché ensuite (seule son empreinte est conservée). Un nouveau lien remplace l'ancien.",
  "inv.copy": "Copier le lien",
  "inv.copied": "Lien copié.",
  "inv.emailed": "Le lien a été envoyé à {email}.",
  "inv.emailFailed": "Le message n'a pas pu être envoyé : {reason}. Copiez le lien et transmettez-le vous-même.",
  "inv.col.candidate": "Candidat·e",
  "inv.col.state": "État",
  "inv.col.progress": "Réponses",
  "inv.col.deadline": "Date limite",
  "inv.col.actions": "Actions",
  "inv.progress": "{k} sur {n}",
  "inv.failed": "Réponse impossible à la question {list}",
  "inv.state.sent": "envoyée",
  "inv.state.opened": "ouverte",
  "inv.state.in_progress": "en cours",
  "inv.state.submitted": "envoyée par la candidate ou le candidat",
  "inv.state.expired": "expirée",
  "inv.state.revoked": "retirée",
  "inv.preparing": "vidéo en préparation",
  "inv.assemblyFailed": "la vidéo n'a pas pu être préparée",
  "inv.openInterview": "Ouvrir l'entretien",
  "inv.newLink": "Nouveau lien",
  "inv.resend": "Renvoyer par e-mail",
  "inv.revoke": "Retirer",
  "inv.revoked": "Invitation retirée : le lien ne fonctionne plus.",
  "inv.delete": "Supprimer",
  "inv.confirmDelete": "Supprimer l'invitation de {name} et tout ce qui a été enregistré ?",
  "inv.confirmYes": "Oui, supprimer",
  "inv.export": "Exporter les données",
  "inv.err.name": "Donnez le nom de la candidate ou du candidat.",
  "inv.err.email": "Une adresse e-mail est nécessaire pour envoyer le lien.",
  "inv.err.deadline": "Choisissez une date limite à venir.",
  "inv.actionsFor": "Actions pour {name}",
  "inv.err.positionHasInvitations": "Le poste a encore des invitations : supprimez-les d'abord.",
  "lang.fr": "français",
  "lang.en": "anglais",
};

export type OneWayKey = keyof typeof fr;

const en: Record<OneWayKey, string> = {
  "set.legend": "Interview recorded by the candidate",
  "set.hint": "These settings apply to invitations: each question is shown in turn and the answer is recorded in the browser.",
  "set.think": "Time to think before each answer",
  "set.answer": "Longest answer",
  "set.takes": "Takes per answer",
  "set.practice": "Practice question (optional, never sent)",
  "set.none": "none (recording starts at once)",
  "set.unlimited": "unlimited",
  "set.unlimitedTakes": "unlimited",
  "set.seconds": "{n} s",
  "set.minutes": "{n} min",
  "set.minSec": "{m} min {s} s",
  "set.summary": "Thinking: {think} · answer: at most {answer} · takes: {takes}",
  "set.practiceSummary": "Practice question: “{text}”",
  "inv.title": "Invitations",
  "inv.intro": "Invite a candidate to record their answers from their browser, with a personal link.",
  "inv.empty": "No invitations yet.",
  "inv.noQuestion": "Add at least one question to the position to invite.",
  "inv.new": "Invite a candidate",
  "inv.name": "Name",
  "inv.email": "E-mail address (optional)",
  "inv.language": "Language of the page and the message",
  "inv.deadline": "Deadline",
  "inv.sendEmail": "E-mail the link",
  "inv.create": "Create the invitation",
  "inv.created": "Invitation created for {name}.",
  "inv.link": "{name}'s personal link",
  "inv.linkHint": "Copy it now: it cannot be shown again (only its fingerprint is kept). A new link replaces the old one.",
  "inv.copy": "Copy the link",
  "inv.copied": "Link copied.",
  "inv.emailed": "The link was e-mailed to {email}.",
  "inv.emailFailed": "The message could not be sent: {reason}. Copy the link and pass it on yourself.",
  "inv.col.candidate": "Candidate",
  "inv.col.state": "State",
  "inv.col.progress": "Answers",
  "inv.col.deadline": "Deadline",
  "inv.col.actions": "Actions",
  "inv.progress": "{k} of {n}",
  "inv.failed": "No usable answer to question {list}",
  "inv.state.sent": "sent",
  "inv.state.opened": "opened",
  "inv.state.in_progress": "in progress",
  "inv.state.submitted": "submitted",
  "inv.state.expired": "expired",
  "inv.state.revoked": "revoked",
  "inv.preparing": "video being prepared",
  "inv.assemblyFailed": "the video could not be prepared",
  "inv.openInterview": "Open the interview",
  "inv.newLink": "New link",
  "inv.resend": "E-mail again",
  "inv.revoke": "Revoke",
  "inv.revoked": "Invitation revoked: the link no longer works.",
  "inv.delete": "Delete",
  "inv.confirmDelete": "Delete {name}'s invitation and everything recorded?",
  "inv.confirmYes": "Yes, delete",
  "inv.export": "Export the data",
  "inv.err.name": "Give the candidate's name.",
  "inv.err.email": "An e-mail address is needed to send the link.",
  "inv.err.deadline": "Choose a deadline in the future.",
  "inv.actionsFor": "Actions for {name}",
  "inv.err.positionHasInvitations": "The position still has invitations: delete them first.",
  "lang.fr": "French",
  "lang.en": "English",
};

export const ONE_WAY_MESSAGES: Record<Lang, Record<OneWayKey, string>> = { fr, en };

export function oneWayText(lang: Lang, key: OneWayKey, vars?: Vars): string {
  return catalogueText(ONE_WAY_MESSAGES, lang, key, vars);
}

export function useOneWayText(): (key: OneWayKey, vars?: Vars) => string {
  return useCatalogueText(ONE_WAY_MESSAGES);
}

/** A length in seconds in words ("30 s", "2 min", "1 min 30 s"). */
export function secondsWords(lang: Lang, seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  if (m === 0) return oneWayText(lang, "set.seconds", { n: s });
  return s === 0 ? oneWayText(lang, "set.minutes", { n: m }) : oneWayText(lang, "set.minSec", { m, s });
}
