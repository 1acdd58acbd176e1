/**
 * Known limits of each measure. The report carries them (`report.limits`, written in English by
 * scripts/merge_report.py); the UI shows the French translation of a known key in French, the
 * report's own text otherwise, and these texts when the report has none.
 */
import type { Lang } from "../i18n/messages";

export const LIMIT_LABELS: Record<Lang, Record<string, string>> = {
  fr: {
    transcript: "Transcription", wpm: "Débit", silence_sec: "Silences", fillers: "Mots de remplissage",
    pitch: "Voix", sentiment: "Tonalité", summary: "Résumé", eye_contact: "Contact visuel", nods: "Hochements",
    emotions: "Expressions faciales", scores: "Scores",
  },
  en: {
    transcript: "Transcript", wpm: "Speaking rate", silence_sec: "Silences", fillers: "Filler words",
    pitch: "Voice", sentiment: "Tone", summary: "Summary", eye_contact: "Eye contact", nods: "Nods",
    emotions: "Facial expressions", scores: "Scores",
  },
};

export const DEFAULT_LIMITS: Record<Lang, Record<string, string>> = {
  fr: {
    transcript: "La reconnaissance automatique de la parole se trompe, davantage avec un accent, du bruit, du jargon et les petits modèles ; vérifiez les citations sur l'enregistrement.",
    wpm: "Mots par minute sur tout l'enregistrement (mots de remplissage exclus) : les longs silences le font baisser ; il dépend du nombre de mots transcrits. La fourchette 120–160 mots/min est un repère, pas une norme.",
    silence_sec: "Pauses d'au moins 0,5 s trouvées dans le signal audio d'après son énergie au-dessus du bruit de fond ; un bruit fort ou de la musique peuvent masquer des pauses.",
    fillers: "Les mots de remplissage (euh, hum…) viennent de la transcription et de sons voisés brefs entre les mots ; certains sont manqués et un mot hésitant peut être compté.",
    pitch: "Variation de la hauteur de la voix en demi-tons sur les passages voisés ; elle reflète la voix et le micro, pas la compétence.",
    sentiment: "Tonalité des mots seulement (pas de la voix) ; le lexique de secours est plus grossier qu'un modèle et ne perçoit pas l'ironie.",
    summary: "Un résumé extractif : des phrases choisies dans la transcription, non réécrites.",
    eye_contact: "Regard vers la caméra estimé d'après la pose de la tête et la position des iris ; la place de la caméra, les lunettes et l'éclairage le modifient, et regarder l'écran n'est pas détourner le regard.",
    nods: "Hochements de tête d'après le mouvement vertical de la tête ; un regard rapide vers le bas puis le haut peut compter comme un hochement.",
    emotions: "Catégories d'expressions faciales d'un modèle entraîné sur des photos posées ; une expression n'est pas une émotion ressentie, et ces modèles sont moins précis pour certains visages. Non calculées en mode recrutement (règlement européen sur l'IA, art. 5(1)(f)).",
    scores: "Les scores appliquent des règles fixes et documentées aux mesures ci-dessus ; ce ne sont pas des prédicteurs validés de la performance au travail.",
  },
  en: {
    transcript: "Automatic speech recognition makes mistakes, more with accents, noise, jargon and small models; check quotes against the recording.",
    wpm: "Words per minute over the whole recording (fillers excluded), so long silences lower it; it depends on the transcript's word count. The 120–160 words/min band is a reference, not a norm.",
    silence_sec: "Pauses of at least 0.5 s found in the audio signal from its energy above the noise floor; loud background noise or music can hide pauses.",
    fillers: "Fillers (euh, um…) come from the transcript and from short sustained voiced sounds between words; some are missed and a hesitant word may be counted.",
    pitch: "Pitch variability in semitones on voiced frames; it reflects the voice and the microphone, not competence.",
    sentiment: "Sentiment of the words only (not the voice); a lexicon fallback is cruder than a model and misses irony.",
    summary: "An extractive summary: sentences picked from the transcript, not rewritten.",
    eye_contact: "Looking at the camera estimated from head pose and iris position; camera placement, glasses and lighting change it, and looking at the screen is not looking away from the interviewer.",
    nods: "Head nods from the head's pitch movement; a fast look down and up can count as a nod.",
    emotions: "Facial expression categories from a model trained on posed photos; an expression is not a felt emotion, and the models are less accurate for some faces. Not computed in recruitment mode (EU AI Act art. 5(1)(f)).",
    scores: "Scores apply fixed, documented rules to the measures above; they are not validated predictors of job performance.",
  },
};

/** The limits to show: `[key, label, text]`, known measures first in a fixed order (emotions left out in recruitment mode). */
export function limitsToShow(
  reportLimits: { [k: string]: string | undefined } | null | undefined,
  lang: Lang,
  recruitment: boolean,
): [string, string, string][] {
  const given = Object.entries(reportLimits ?? {}).filter((e): e is [string, string] => typeof e[1] === "string");
  const source = given.length ? Object.fromEntries(given) : DEFAULT_LIMITS[lang];
  // A fixed order (stored JSON may come back with its keys reordered, e.g. from PostgreSQL jsonb).
  const known = Object.keys(LIMIT_LABELS.en);
  const rank = (k: string) => (known.includes(k) ? known.indexOf(k) : known.length);
  return Object.entries(source)
    .sort((a, b) => rank(a[0]) - rank(b[0]))
    .filter(([k]) => !(recruitment && k.startsWith("emotion")))
    .map(([k, text]) => [k, LIMIT_LABELS[lang][k] ?? k, lang === "fr" ? (DEFAULT_LIMITS.fr[k] ?? text) : text]);
}
