/** Known limits of each measure, shown when the report carries none of its own (`report.limits`). */
import type { Lang } from "../i18n/messages";

export const DEFAULT_LIMITS: Record<Lang, Record<string, string>> = {
  fr: {
    transcript: "La transcription automatique fait des erreurs, surtout avec un accent, du bruit ou des noms propres ; relisez-la avant de vous y fier.",
    wpm: "Le débit compte les mots reconnus ; un mot mal entendu ou omis le modifie. La fourchette de 120 à 160 mots/min est un repère, pas une norme.",
    fillers: "Certains mots de remplissage ne sont pas détectés, et un mot court peut être pris pour l'un d'eux.",
    pauses: "Une pause peut être une réflexion utile ; le bruit de fond peut masquer un silence.",
    sentiment: "La tonalité est calculée sur les mots seuls : l'ironie, le contexte et l'intonation ne sont pas pris en compte.",
    eye_contact: "Le regard est estimé d'après la position de la tête et des iris par rapport à la caméra ; lunettes, caméra décentrée ou éclairage faussent la mesure.",
    nods: "Les hochements sont des mouvements de tête verticaux détectés automatiquement ; leur sens dépend de la personne et de la culture.",
    emotions: "Une expression du visage n'est pas une émotion ressentie ; ces étiquettes sont peu fiables selon les visages, l'éclairage et les cultures.",
    scores: "Les scores combinent ces mesures selon des règles simples et publiques ; ils ne mesurent ni les compétences ni l'adéquation au poste.",
  },
  en: {
    transcript: "Automatic transcription makes mistakes, especially with accents, noise or proper names; read it before relying on it.",
    wpm: "The speaking rate counts recognised words; a misheard or skipped word changes it. The 120–160 words/min range is a reference, not a norm.",
    fillers: "Some filler words are missed, and a short word can be mistaken for one.",
    pauses: "A pause can be useful thinking; background noise can hide a silence.",
    sentiment: "Tone is computed from the words only: irony, context and intonation are not taken into account.",
    eye_contact: "Gaze is estimated from head and iris position relative to the camera; glasses, an off-centre camera or lighting distort it.",
    nods: "Nods are vertical head movements found automatically; what they mean depends on the person and the culture.",
    emotions: "A facial expression is not a felt emotion; these labels are unreliable across faces, lighting and cultures.",
    scores: "The scores combine these measures with simple, published rules; they measure neither skills nor fit for the job.",
  },
};
