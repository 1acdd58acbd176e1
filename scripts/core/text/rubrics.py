"""Rubrics for interview answers: generated from the question, scored on the answer with evidence.

A **rubric** is plain JSON, the contract with the web API (editable by the recruiter,
versioned and stored by the web app)::

    {"version": 1, "question": "Tell me about a time…", "language": "en",
     "question_type": "behavioural", "method": "template+embeddings",
     "criteria": [{"id": "action", "name": "Action",
                   "description": "Explains the concrete actions they personally took, step by step.",
                   "weight": 0.3,
                   "examples": ["First I analysed the problem, then I implemented a fix."],   # optional
                   "keywords": ["i decided", "i organi", "first", "then"]}]}               # optional

``id``, ``name``, ``description`` and ``weight`` (≥ 0, relative) are required;
``examples`` (sentences a good answer could contain) and ``keywords`` (word starts
that signal the criterion, any language) are optional and help the matching.

**Generation** (:func:`generate_rubric`), offline: the question type (behavioural/STAR,
motivation, technical, strengths & weaknesses, situational, self-presentation,
career goals, generic) is chosen from keyword rules plus, when an embedding model is
loaded, the nearest prototype questions (FR and EN); the type's template gives the
criteria in the question's language, a ``relevance`` criterion built from the
question itself is always added, and the embedding model adds the closest criterion
of the other templates when it is clearly related to the question.

**Scoring** (:func:`score_answer`): each answer sentence is compared with each
criterion. Semantic similarity = the highest cosine between the sentence and the
criterion's description and examples, calibrated against the same criterion's
similarity to off-topic sentences of the same language (so a model that finds every
French sentence alike, such as the English-only MiniLM fallback, does not inflate
coverage): ``(sim - background) / margin`` clipped to [0, 1]. Lexical match =
keyword starts found in the sentence (half credit per keyword, full from two;
accents, French elisions, English contractions and hesitations such as *euh*/*um* do
not matter, see :func:`_norm_tokens`). A
sentence's support of a criterion is the larger of the two; the criterion's
``coverage`` (0-1) is the best sentence's support and its ``evidence`` the sentences
supporting it at least ``evidence_threshold``, best first. The rubric ``score`` is
``100 × Σ weight × coverage / Σ weight``.
"""

from __future__ import annotations

import copy
import logging
import math
import re
import unicodedata
import weakref
from dataclasses import dataclass
from typing import Any, Mapping, Protocol, Sequence

import numpy as np

from scripts.core.runtime.errors import InputError
from scripts.core.text.textutils import content_words, language_of, normalize_space, tokenize

logger = logging.getLogger(__name__)

RUBRIC_VERSION = 1


class Embedder(Protocol):
    """Anything with ``encode(texts) -> (n, d)`` unit vectors and a ``name`` (e.g. ``SentenceEncoder``)."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


_CACHE: "weakref.WeakKeyDictionary[Any, dict[str, np.ndarray]]" = weakref.WeakKeyDictionary()


def _encode(embedder: Embedder, texts: Sequence[str], *, cache: bool = False) -> np.ndarray:
    """``embedder.encode(texts)``; with ``cache``, texts seen before (templates, background) are not re-encoded."""
    if not cache:
        return np.asarray(embedder.encode(list(texts)), dtype=np.float32)
    try:
        store = _CACHE.setdefault(embedder, {})
    except TypeError:  # not weak-referenceable: no cache
        return np.asarray(embedder.encode(list(texts)), dtype=np.float32)
    missing = list(dict.fromkeys(t for t in texts if t not in store))
    if missing:
        for t, v in zip(missing, np.asarray(embedder.encode(missing), dtype=np.float32)):
            store[t] = v
    return np.stack([store[t] for t in texts]) if texts else np.zeros((0, 0), dtype=np.float32)


# --------------------------------------------------------------------------- templates
# Each criterion: id, weight, cues (word starts, any language) and per language
# (name, description, examples).

_T = dict[str, Any]


def _c(cid: str, weight: float, cues: str, en: tuple[str, str, Sequence[str]], fr: tuple[str, str, Sequence[str]]) -> _T:
    return {"id": cid, "weight": weight, "keywords": [k.strip() for k in cues.split("|") if k.strip()], "en": en, "fr": fr}


TEMPLATES: dict[str, list[_T]] = {
    "behavioural": [
        _c("situation", 0.2, "last year|at my previous|when i was|in my previous|we had|the context|the situation|"
           "l'année dernière|dans mon précédent|dans mon ancien|lorsque je|quand j'étais|nous avions|le contexte|la situation",
           ("Situation", "Describes the context: where, when, who was involved and the problem faced.",
            ["At my previous job, our team faced a difficult situation.",
             "Last year I was working on a project where the deadline was very tight."]),
           ("Situation", "Décrit le contexte : où, quand, avec qui, et le problème rencontré.",
            ["Dans mon emploi précédent, notre équipe a fait face à une situation difficile.",
             "L'année dernière, je travaillais sur un projet avec un délai très court."])),
        _c("task", 0.15, "my role|my task|my goal|i was responsible|i had to|i needed to|my job was|my responsibility|"
           "mon rôle|ma mission|ma tâche|mon objectif|j'étais responsable|je devais|il fallait que je",
           ("Task", "States their own role, goal or responsibility in that situation.",
            ["My role was to make sure the release went out on time.", "I was responsible for fixing the problem."]),
           ("Tâche", "Précise son propre rôle, son objectif ou sa responsabilité dans cette situation.",
            ["Mon rôle était de garantir que la livraison se fasse à temps.", "J'étais responsable de résoudre le problème."])),
        _c("action", 0.3, "i decided|i organi|i analy|i wrote|i talked|i proposed|i set up|i implement|i created|i contacted|"
           "first i|then i|j'ai décidé|j'ai organis|j'ai analys|j'ai écrit|j'ai proposé|j'ai mis en place|j'ai contacté|"
           "j'ai créé|d'abord j'ai|ensuite j'ai|puis j'ai",
           ("Action", "Explains the concrete actions they personally took, step by step.",
            ["I decided to organise a meeting and I rewrote the plan myself.",
             "First I analysed the problem, then I implemented a fix and tested it."]),
           ("Action", "Explique les actions concrètes menées personnellement, étape par étape.",
            ["J'ai décidé d'organiser une réunion et j'ai réécrit le plan moi-même.",
             "D'abord j'ai analysé le problème, puis j'ai mis en place une solution."])),
        _c("result", 0.25, "as a result|in the end|finally|result|outcome|increas|reduc|decreas|improv|saved|percent|"
           "delivered|succeed|success|dropped|fell by|cut by|doubled|halved|faster|au final|finalement|résultat|augment|rédui|baiss|amélior|économis|pour cent|"
           "livré|réussi|succès|chuté|divisé|doublé|plus rapide",
           ("Result", "Gives the outcome of those actions, ideally measurable (numbers, impact).",
            ["As a result, sales increased by twenty percent.",
             "In the end the project was delivered on time and the client was satisfied."]),
           ("Résultat", "Donne le résultat de ces actions, idéalement chiffré (chiffres, impact).",
            ["En conséquence, les ventes ont augmenté de vingt pour cent.",
             "Au final, le projet a été livré à temps et le client était satisfait."])),
        _c("reflection", 0.1, "i learned|i learnt|lesson|next time|i would do|differently|taught me|"
           "j'ai appris|leçon|la prochaine fois|je ferais|différemment|m'a appris",
           ("Reflection", "Says what they learned from it or would do differently.",
            ["I learned that communicating early avoids most problems.", "Next time I would involve the client sooner."]),
           ("Recul", "Dit ce qu'il ou elle en a appris ou ferait différemment.",
            ["J'ai appris qu'il faut communiquer tôt pour éviter les problèmes.",
             "La prochaine fois, j'impliquerais le client plus tôt."])),
    ],
    "motivation": [
        _c("company", 0.3, "your company|your product|your mission|your values|your team|your clients|you are|"
           "votre entreprise|vos produits|votre mission|vos valeurs|votre équipe|vos clients|vous êtes",
           ("Knowledge of the company", "Shows knowledge of the company: its products, clients, values or mission.",
            ["Your company builds tools that help hospitals save time.", "I share your values of openness and quality."]),
           ("Connaissance de l'entreprise", "Montre sa connaissance de l'entreprise : produits, clients, valeurs, mission.",
            ["Votre entreprise développe des outils qui font gagner du temps aux hôpitaux.",
             "Je partage vos valeurs d'ouverture et de qualité."])),
        _c("role_fit", 0.3, "this role|this position|this job|my experience|my skills|matches|a good match|match my|"
           "match with|fit|"
           "ce poste|cette fonction|mon expérience|mes compétences|correspond",
           ("Fit with the role", "Links the tasks of the role to their own skills and experience.",
            ["This position matches my experience in data analysis.", "My skills in project management fit this role well."]),
           ("Adéquation au poste", "Relie les missions du poste à ses propres compétences et expériences.",
            ["Ce poste correspond à mon expérience en analyse de données.",
             "Mes compétences en gestion de projet sont adaptées à cette fonction."])),
        _c("drive", 0.25, "passion|passionate|motivat|enjoy|love|excit|interest|challenge|"
           "passionn|motiv|j'aime ce|j'aime votre|j'aime travailler|j'aime aider|j'aime résoudre|plaisir|intéress|"
           "défi|envie",
           ("Personal motivation", "Explains what personally motivates them about this job.",
            ["I am passionate about solving problems for real users.", "What excites me is the challenge of learning every day."]),
           ("Motivation personnelle", "Explique ce qui le ou la motive personnellement dans ce métier.",
            ["Je suis passionné par la résolution de problèmes concrets.",
             "Ce qui me motive, c'est le défi d'apprendre chaque jour."])),
        _c("contribution", 0.15, "contribut|bring|help you|add value|grow|develop|"
           "apporter|contribuer|aider|développer|évoluer|progresser",
           ("Contribution", "Describes what they would bring and how they want to grow in the role.",
            ["I could bring my experience with automation to your team.", "I want to grow into a lead role here."]),
           ("Apport", "Décrit ce qu'il ou elle apporterait et comment évoluer dans le poste.",
            ["Je pourrais apporter mon expérience de l'automatisation à votre équipe.",
             "Je souhaite évoluer vers un rôle de responsable."])),
    ],
    "technical": [
        _c("concept", 0.35, "means|works by|consists|defin|principle|signifie|fonctionne|consiste|défin|principe",
           ("Core concept", "Explains the core concept accurately, with the right technical terms.",
            ["An index is a data structure that lets the database find rows without scanning the whole table."]),
           ("Concept central", "Explique le concept central avec exactitude et les bons termes techniques.",
            ["Un index est une structure de données qui permet de trouver des lignes sans parcourir toute la table."])),
        _c("example", 0.25, "for example|for instance|in my project|we used|i used|par exemple|dans mon projet|nous avons utilisé|j'ai utilisé",
           ("Practical example", "Illustrates with a concrete example or use case from practice.",
            ["For example, in my last project we used it to speed up the search page."]),
           ("Exemple concret", "Illustre par un exemple concret ou un cas d'usage vécu.",
            ["Par exemple, dans mon dernier projet, nous l'avons utilisé pour accélérer la recherche."])),
        _c("tradeoffs", 0.25, "trade-off|tradeoff|however|downside|drawback|limit|alternative|cost|risk|"
           "compromis|cependant|mais|inconvénient|limite|alternative|coût|risque",
           ("Trade-offs and limits", "Discusses trade-offs, limits, alternatives or pitfalls.",
            ["However, it slows down writes, so it is a trade-off.", "The main drawback is the extra memory cost."]),
           ("Compromis et limites", "Discute les compromis, les limites, les alternatives ou les pièges.",
            ["Cependant, cela ralentit les écritures, c'est donc un compromis.",
             "Le principal inconvénient est le coût en mémoire."])),
        _c("clarity", 0.15, "first|second|then|finally|step|d'abord|ensuite|puis|enfin|étape",
           ("Clear explanation", "Structures the explanation step by step so a colleague could follow it.",
            ["First, the request arrives; then it is checked; finally the answer is sent back."]),
           ("Explication claire", "Structure l'explication étape par étape pour qu'un collègue puisse la suivre.",
            ["D'abord la requête arrive, ensuite elle est vérifiée, enfin la réponse est renvoyée."])),
    ],
    "strengths_weaknesses": [
        _c("named_quality", 0.25, "my strength|my weakness|my main|i am very|i tend to|strength|weakness|"
           "ma qualité|mon défaut|ma force|ma faiblesse|mon point fort|mon point faible|je suis très|j'ai tendance",
           ("Named quality", "Names a specific strength or weakness clearly.",
            ["My main strength is that I am very organised.", "My weakness is that I tend to be impatient."]),
           ("Qualité nommée", "Nomme clairement une qualité ou un défaut précis.",
            ["Ma principale qualité est d'être très organisé.", "Mon défaut est que j'ai tendance à être impatient."])),
        _c("evidence", 0.3, "for example|for instance|once|when i|last year|par exemple|une fois|lorsque|l'année dernière",
           ("Concrete example", "Backs it with a concrete example from work or studies.",
            ["For example, last year I planned the whole move of our office."]),
           ("Exemple concret", "L'illustre par un exemple concret tiré du travail ou des études.",
            ["Par exemple, l'année dernière j'ai planifié tout le déménagement du bureau."])),
        _c("improvement", 0.25, "i work on|i am working|improv|to fix this|i now|i learned|training|"
           "je travaille|j'améliore|amélior|pour y remédier|désormais|j'ai appris|formation",
           ("Improvement", "Says how they work on a weakness or keep developing a strength.",
            ["To fix this, I now plan my week every Monday.", "I am taking a training course to improve."]),
           ("Progrès", "Dit comment il ou elle travaille sur ce défaut ou développe cette qualité.",
            ["Pour y remédier, je planifie désormais ma semaine chaque lundi.",
             "Je suis une formation pour progresser."])),
        _c("relevance_role", 0.2, "this role|this job|this position|useful|ce poste|ce métier|cette fonction|utile",
           ("Link to the role", "Relates the quality to the requirements of the role.",
            ["This will be useful in this role, where deadlines are short."]),
           ("Lien avec le poste", "Relie cette qualité aux exigences du poste.",
            ["Ce sera utile dans ce poste, où les délais sont courts."])),
    ],
    "situational": [
        _c("understanding", 0.2, "the problem|the issue|the risk|what matters|it depends|le problème|l'enjeu|le risque|ça dépend|cela dépend",
           ("Understanding", "Restates the problem and identifies what is at stake.",
            ["The problem here is that the client could lose trust in us."]),
           ("Compréhension", "Reformule le problème et identifie les enjeux.",
            ["Le problème ici, c'est que le client pourrait perdre confiance en nous."])),
        _c("approach", 0.35, "i would|first i would|then i would|my first step|je commencerais|je ferais|"
           "j'analyserais|je proposerais|d'abord je|ensuite je|ma première étape",
           ("Approach", "Proposes a clear plan of concrete steps to handle it.",
            ["First I would analyse the cause, then I would propose a fix.", "My first step would be to gather the facts."]),
           ("Démarche", "Propose un plan clair d'étapes concrètes pour y faire face.",
            ["D'abord j'analyserais la cause, puis je proposerais une solution.",
             "Ma première étape serait de rassembler les faits."])),
        _c("communication", 0.25, "talk to|inform|discuss|my manager|the client|the team|escalat|meeting|"
           "parler|informer|discuter|mon manager|mon responsable|le client|l'équipe|réunion",
           ("Communication", "Involves the right people: informs, consults or escalates to colleagues, manager or client.",
            ["I would talk to my manager and inform the client quickly."]),
           ("Communication", "Implique les bonnes personnes : informe, consulte ou alerte collègues, manager ou client.",
            ["J'en parlerais à mon responsable et j'informerais rapidement le client."])),
        _c("outcome", 0.2, "so that|to make sure|check|follow up|result|afin de|pour que|vérifier|s'assurer|suivi|résultat",
           ("Expected outcome", "Anticipates the result, the risks and how success would be checked.",
            ["Then I would follow up to make sure the problem does not happen again."]),
           ("Résultat attendu", "Anticipe le résultat, les risques et la façon de vérifier le succès.",
            ["Ensuite je ferais un suivi pour m'assurer que le problème ne se reproduise pas."])),
    ],
    "self_presentation": [
        _c("background", 0.25, "i studied|degree|university|school|graduat|i started|j'ai étudié|diplôme|université|école|master|licence|j'ai commencé",
           ("Background", "Summarises their education and career path.",
            ["I studied computer science at university and then started as a developer."]),
           ("Parcours", "Résume sa formation et son parcours professionnel.",
            ["J'ai étudié l'informatique à l'université puis j'ai commencé comme développeur."])),
        _c("experience", 0.3, "i worked|i have worked|years of experience|i led|i managed|achiev|"
           "j'ai travaillé|ans d'expérience|j'ai dirigé|j'ai géré|réalis",
           ("Key experience", "Highlights their key experiences and achievements.",
            ["I have worked for five years in logistics, where I led a team of six."]),
           ("Expériences clés", "Met en avant ses expériences et réalisations principales.",
            ["J'ai travaillé cinq ans dans la logistique, où j'ai dirigé une équipe de six personnes."])),
        _c("skills", 0.25, "skill|good at|strong in|i know|expert|compétence|je maîtrise|je sais|expert|doué",
           ("Skills", "Names the main skills they bring.",
            ["My main skills are data analysis and clear communication."]),
           ("Compétences", "Nomme les principales compétences apportées.",
            ["Mes principales compétences sont l'analyse de données et la communication."])),
        _c("link", 0.2, "this role|this position|why i applied|your company|ce poste|pourquoi j'ai postulé|votre entreprise",
           ("Link to the role", "Connects their profile to the role they apply for.",
            ["That is why this position is the natural next step for me."]),
           ("Lien avec le poste", "Relie son profil au poste visé.",
            ["C'est pourquoi ce poste est pour moi la suite logique."])),
    ],
    "career_goals": [
        _c("goal", 0.4, "in five years|i see myself|my goal|i want to become|my ambition|dans cinq ans|je me vois|mon objectif|devenir|mon ambition",
           ("Clear goal", "States a clear professional goal.",
            ["In five years I see myself leading a small team."]),
           ("Objectif clair", "Énonce un objectif professionnel clair.",
            ["Dans cinq ans, je me vois diriger une petite équipe."])),
        _c("plan", 0.35, "to get there|learn|training|step|acquire|pour y arriver|apprendre|formation|étape|acquérir",
           ("Plan", "Explains the steps or skills needed to reach it.",
            ["To get there, I plan to learn management and take on more responsibility."]),
           ("Plan", "Explique les étapes ou compétences nécessaires pour y parvenir.",
            ["Pour y arriver, je compte me former au management et prendre plus de responsabilités."])),
        _c("alignment", 0.25, "your company|this role|with you|grow with|votre entreprise|ce poste|chez vous|au sein de",
           ("Alignment", "Relates the goal to the company and this role.",
            ["I would like to grow with your company in this direction."]),
           ("Cohérence", "Relie l'objectif à l'entreprise et au poste.",
            ["J'aimerais évoluer dans cette direction au sein de votre entreprise."])),
    ],
    "generic": [
        _c("example", 0.4, "for example|for instance|once|in my|par exemple|une fois|dans mon",
           ("Concrete example", "Supports the answer with a concrete example.",
            ["For example, in my last job I handled this every week."]),
           ("Exemple concret", "Appuie la réponse sur un exemple concret.",
            ["Par exemple, dans mon dernier poste, je m'en occupais chaque semaine."])),
        _c("structure", 0.3, "first|second|then|finally|to sum up|d'abord|ensuite|enfin|pour résumer|en conclusion",
           ("Structure", "Gives a structured answer with a clear conclusion.",
            ["First…, then…, and to sum up, this is why I think so."]),
           ("Structure", "Donne une réponse structurée avec une conclusion claire.",
            ["D'abord…, ensuite…, et pour résumer, voilà pourquoi je le pense."])),
    ],
}

#: Spoken phrasings added to the cues above (present, past and future forms; FR and EN).
#: Cues are word starts matched after accents, elisions, contractions and hesitations
#: are normalised away (see :func:`_norm_tokens`), so "j ai travaill" also matches "j'ai travaillé".
_MORE_CUES: dict[str, dict[str, str]] = {
    "behavioural": {
        "situation": "at the time|back then|at my last|in my last|one day|once|the problem was|our client|our customer|"
                     "the customer|the client|the project|our team|deadline|l'an dernier|l'année passée|à l'époque|"
                     "un jour|une fois|dans mon dernier|chez mon ancien|le problème|notre client|le client|"
                     "le projet|notre équipe|mon équipe|délai|difficile|difficult",
        "task": "i was in charge|i was asked|i had to|my mission|we had to|j'étais en charge|j'étais chargé|"
                "on m'a demandé|je devais|nous devions|on devait|ma responsabilité",
        "action": "i proposed|i suggested|i organised|i organized|i called|i met|i spoke|i fixed|i built|i changed|"
                  "i asked|i worked|we decided|we set up|i started|j'ai propos|j'ai suggér|j'ai appel|j'ai rencontr|"
                  "j'ai parlé|j'ai corrig|j'ai construit|j'ai chang|j'ai demand|j'ai travaill|j'ai commenc|"
                  "j'ai résolu|on a décidé|on a mis|nous avons mis|nous avons décidé|solution",
        "result": "by half|de moitié|we managed|we reached|it worked|satisfied|on a réussi|nous avons réussi|"
                  "ça a marché|cela a fonctionné|satisfait|moins de|less|fewer|more than|plus de|fixed|résolu|solved",
        "reflection": "i realised|i realized|since then|now i|j'ai compris|depuis|maintenant je|désormais",
    },
    "motivation": {
        "company": "your company|your reputation|reputation|your culture|your projects|you do|you make|your sector|"
                   "votre réputation|réputation|votre culture|vos projets|votre secteur|vous faites|chez vous|"
                   "votre société|votre groupe|notre entreprise|your business",
        "role_fit": "this role|my background|my profile|i have experience|i've worked|i have worked|corresponds|"
                    "suited|i can|mon parcours|mon profil|j'ai de l'expérience|j'ai travaillé|correspond|adapté|"
                    "je peux|ce travail|cet emploi",
        "drive": "i want to join|i want to work|i would like to work|i would like to join|i am motivated|motivated|"
                 "attract|appeal|je veux rejoindre|je veux travailler|j'aimerais travailler|j'aimerais rejoindre|"
                 "je souhaite rejoindre|je souhaite travailler|je suis motivé|attir|me plaît|me plait|je suis passionn",
        "contribution": "i can bring|i could|i will|help your|value|je peux apporter|je pourrais|j'apporterai|"
                        "apport|mettre à profit|valeur",
    },
    "technical": {
        "concept": "is a|is an|it is|allows|lets you|used to|is used|c'est un|c'est une|permet|sert à|utilisé pour|"
                   "est un|est une",
        "example": "in practice|at work|we use|i use|i've used|i have used|en pratique|au travail|on utilise|"
                   "nous utilisons|j'utilise|chez nous",
        "tradeoffs": "but|on the other hand|depends|instead|slower|faster|en revanche|par contre|dépend|au lieu|"
                     "plus lent|plus rapide|avantage|advantage|disadvantage",
        "clarity": "so|because|therefore|donc|parce que|car|ainsi",
    },
    "strengths_weaknesses": {
        "named_quality": "my strong point|my weak point|i am organi|i'm organi|i am too|i can be|organis|organiz|"
                         "impatien|perfectionn|rigor|rigour|rigueur|curious|curieu|patient|autonom|stress|"
                         "mes qualités|mes défauts|mon point fort|mon point faible|je suis trop|je peux être|je suis un peu",
        "evidence": "in my last job|at my previous|in my team|dans mon dernier|dans mon équipe|dans mon ancien|"
                    "au travail|at work",
        "improvement": "working on it|i try|i am learning|i'm learning|i use|now i|better|travaille dessus|"
                       "je travaille dessus|j'essaie|j'apprends|j'utilise|maintenant je|mieux|progress",
        "relevance_role": "useful|helps me|help me|m'aide|m'aident|pour ce poste|for this role|in this job",
    },
    "situational": {
        "understanding": "understand|listen|why|the cause|the situation|comprendre|écouter|écouterais|pourquoi|"
                         "la cause|la situation|unhappy|mécontent|problem|problème",
        "approach": "i'd|i will|i'll|i would first|first|then|solution|je vais|j'irais|je propose|d'abord|ensuite|"
                    "puis|je commence|propos|solution",
        "communication": "talk|speak|call|tell|manager|supervisor|colleague|customer|client|team|parler|parlerais|"
                         "appeler|appellerais|dire|responsable|collègue|équipe|manager",
        "outcome": "to avoid|so it doesn't|satisfied|again|pour éviter|satisfait|de nouveau|ne se reproduise|"
                   "pour qu'il|pour que le",
    },
    "self_presentation": {
        "background": "my name is|i come from|i have a degree|i studied|studies|trained as|training|"
                      "je m'appelle|je viens|j'ai fait|études|formation|diplômé|je me suis formé|bac|"
                      "bachelor|master|engineer|ingénieur",
        "experience": "i work|i am working|i've been working|i have been working|i worked|my experience|for years|"
                      "years as|years in|years at|years of|years with|experience|team|project|customer|client|company|as a developer|as an engineer|job|career|"
                      "je travaille|j'ai travaillé|mon expérience|ans d'expérience|ans dans|ans chez|ans comme|ans en|"
                      "expérience|équipe|projet|client|entreprise|en tant que|poste|carrière|métier",
        "skills": "i love solving|i like solving|solv|problem|i can|i am good|i'm good|organised|organized|"
                  "communication|creative|résoudre|résolution|problème|je sais|je suis bon|je suis bonne|"
                  "organisé|créati|rigoureu|autonom|polyvalent|compétences|skills",
        "link": "i am looking|i'm looking|i want to|i would like|that is why|this job|je cherche|je recherche|"
                "je souhaite|je voudrais|j'aimerais|c'est pourquoi|ce métier|cette offre|this offer|your team|"
                "votre équipe",
    },
    "career_goals": {
        "goal": "i want to become|i want to work|i want to lead|i would like to become|i would like to work|"
                "i am looking for|i hope to|i plan to|my goal|my objective|my ambition|"
                "become|lead a|manager|position|job|role|career|je veux devenir|je veux travailler|je voudrais devenir|"
                "je voudrais travailler|j'aimerais devenir|j'aimerais travailler|je cherche|"
                "je recherche|je souhaite|j'espère|mon objectif|mon but|devenir|diriger|"
                "responsable|chef|poste|emploi|travail|métier|carrière",
        "plan": "get trained|improve|develop|grow|experience|skills|course|certif|me former|progresser|évoluer|"
                "développer|expérience|compétences|cours|certif",
        "alignment": "your team|with you|in your|work here|grow here|votre équipe|avec vous|dans votre|chez vous",
    },
    "generic": {
        "example": "in my last|at my previous|i have|i worked|i work|j'ai|dans mon dernier|je travaille|j'ai travaillé",
        "structure": "because|that's why|so|parce que|c'est pourquoi|donc",
    },
}
for _t, _extra in _MORE_CUES.items():
    for _e in TEMPLATES[_t]:
        if _e["id"] in _extra:
            _e["keywords"] = list(dict.fromkeys(_e["keywords"] + [k.strip() for k in _extra[_e["id"]].split("|") if k.strip()]))

#: Keyword rules of the question types (question text, folded); weight 1 each.
TYPE_RULES: dict[str, tuple[str, ...]] = {
    "behavioural": ("tell me about a time", "describe a situation", "describe a time", "give an example", "give me an example",
                    "a time when", "a time you", "have you ever", "racontez", "décrivez une situation", "une situation où",
                    "une fois où", "un exemple de", "donnez un exemple", "avez-vous déjà", "parlez-moi d'une"),
    "motivation": ("why do you want", "why are you interested", "why this", "why us", "why our", "what motivates",
                   "why should we", "pourquoi voulez-vous", "pourquoi ce poste", "pourquoi notre", "pourquoi nous",
                   "qu'est-ce qui vous motive", "vous motive", "motivation", "pourquoi avez-vous postulé"),
    "technical": ("explain", "how does", "how do you implement", "how would you implement", "difference between",
                  "what is a", "what is the", "design a", "algorithm", "architecture", "expliquez", "comment fonctionne",
                  "quelle est la différence", "qu'est-ce qu'un", "qu'est-ce qu'une", "concevez", "algorithme"),
    "strengths_weaknesses": ("strength", "weakness", "qualité", "défaut", "point fort", "points forts", "point faible",
                             "points faibles", "force", "faiblesse"),
    "situational": ("what would you do", "how would you handle", "how would you react", "imagine", "if you were",
                    "suppose", "que feriez-vous", "comment réagiriez", "comment géreriez", "imaginez", "si vous étiez",
                    "supposons"),
    "self_presentation": ("tell me about yourself", "introduce yourself", "present yourself", "walk me through your",
                          "présentez-vous", "parlez-moi de vous", "votre parcours", "présentez votre"),
    "career_goals": ("where do you see yourself", "five years", "career goal", "long-term", "dans cinq ans", "d'ici cinq ans",
                     "projet professionnel", "ambition", "où vous voyez-vous", "vous voyez-vous", "looking for", "what do you want",
                     "what are you seeking", "cherchez-vous", "recherchez-vous", "que cherchez", "que recherchez",
                     "qu'attendez-vous", "objectif", "objectifs", "goals", "your goal", "next step", "avenir", "future"),
}

#: Prototype questions of each type (FR and EN), for the embedding vote.
PROTOTYPES: dict[str, tuple[str, ...]] = {
    "behavioural": ("Tell me about a time you solved a difficult problem at work.",
                    "Describe a situation where you had a conflict with a colleague.",
                    "Racontez une situation où vous avez dû gérer un conflit."),
    "motivation": ("Why do you want to work for our company?", "What motivates you about this position?",
                   "Pourquoi voulez-vous rejoindre notre entreprise ?"),
    "technical": ("Explain how a database index works.", "What is the difference between a process and a thread?",
                  "Expliquez le fonctionnement d'une API REST."),
    "strengths_weaknesses": ("What are your main strengths and weaknesses?", "What is your greatest weakness?",
                             "Quels sont vos points forts et vos points faibles ?"),
    "situational": ("What would you do if a client was unhappy with a delivery?",
                    "How would you handle a missed deadline?", "Que feriez-vous si un client était mécontent ?"),
    "self_presentation": ("Tell me about yourself.", "Can you introduce yourself and your background?",
                          "Présentez-vous et décrivez votre parcours."),
    "career_goals": ("Where do you see yourself in five years?", "What are your long-term career goals?",
                     "Où vous voyez-vous dans cinq ans ?"),
}

#: Off-topic sentences: the similarity a criterion gets from them is its background level.
BACKGROUND: dict[str, tuple[str, ...]] = {
    "en": ("The weather was nice yesterday.", "My favourite food is pizza.", "I like walking in the mountains on holidays.",
           "The train was late this morning.", "My cat sleeps on the sofa all day.", "Yes, okay, hmm, I don't know.",
           "There is a red car parked in the street.", "We watched a film on Sunday evening.",
           "The shop closes at seven.", "Football is popular in many countries.", "I bought some bread and milk.",
           "It's a nice day today, isn't it?"),
    "fr": ("Il faisait beau hier.", "Mon plat préféré est la pizza.", "J'aime marcher en montagne pendant les vacances.",
           "Le train était en retard ce matin.", "Mon chat dort sur le canapé toute la journée.", "Oui, bon, euh, je ne sais pas.",
           "Il y a une voiture rouge garée dans la rue.", "Nous avons regardé un film dimanche soir.",
           "Le magasin ferme à sept heures.", "Le football est populaire dans beaucoup de pays.",
           "J'ai acheté du pain et du lait.", "Il fait beau aujourd'hui, n'est-ce pas ?"),
}

_RELEVANCE = {
    "en": ("Relevance", "Answers the question asked: «{q}»"),
    "fr": ("Pertinence", "Répond à la question posée : « {q} »"),
}


# --------------------------------------------------------------------------- validation


def validate_rubric(rubric: Any, *, where: str = "rubric") -> dict[str, Any]:
    """Check a rubric's shape and return a normalised deep copy.

    Raises:
        InputError: Not an object, no criteria, a criterion without ``id``/``name``/
            ``description``, a negative or non-numeric weight, duplicate ids, all weights 0.
    """
    if not isinstance(rubric, Mapping):
        raise InputError(f"{where}: must be a JSON object with a 'criteria' list")
    criteria = rubric.get("criteria")
    if not isinstance(criteria, list) or not criteria:
        raise InputError(f"{where}: 'criteria' must be a non-empty list")
    out = copy.deepcopy(dict(rubric))
    seen: set[str] = set()
    norm = []
    for k, c in enumerate(criteria):
        if not isinstance(c, Mapping):
            raise InputError(f"{where}: criterion {k + 1} must be an object")
        for key in ("id", "name", "description"):
            if not isinstance(c.get(key), str) or not c.get(key, "").strip():
                raise InputError(f"{where}: criterion {k + 1} needs a non-empty string '{key}'")
        w = c.get("weight", 1.0)
        if isinstance(w, bool) or not isinstance(w, (int, float)) or not math.isfinite(float(w)) or float(w) < 0:
            raise InputError(f"{where}: criterion '{c['id']}' has an invalid weight {w!r} (a number ≥ 0)")
        if c["id"] in seen:
            raise InputError(f"{where}: duplicate criterion id '{c['id']}'")
        seen.add(c["id"])
        for key in ("examples", "keywords"):
            if key in c and not (isinstance(c[key], list) and all(isinstance(x, str) for x in c[key])):
                raise InputError(f"{where}: criterion '{c['id']}': '{key}' must be a list of strings")
        norm.append({**copy.deepcopy(dict(c)), "weight": float(w)})
    if sum(c["weight"] for c in norm) <= 0:
        raise InputError(f"{where}: at least one criterion needs a weight > 0")
    out["criteria"] = norm
    out.setdefault("version", RUBRIC_VERSION)
    return out


# --------------------------------------------------------------------------- generation


#: Pure hesitation sounds, dropped before keyword matching ("je euh travaille" matches "je travaille").
_HESITATIONS = frozenset({"euh", "euhh", "euhm", "heu", "hum", "hmm", "hm", "mmh", "mh", "um", "umm", "uh", "uhh",
                          "uhm", "er", "erm", "err", "mm", "mmm", "mhm", "ben", "bah"})
#: English contractions spelled out, so "I'm looking" matches the cue "i am looking" and the other way round.
_CONTRACTIONS = ((re.compile(r"(?i)\b(i)['’]m\b"), r"\1 am"), (re.compile(r"(?i)['’]ve\b"), " have"),
                 (re.compile(r"(?i)['’]re\b"), " are"), (re.compile(r"(?i)['’]ll\b"), " will"),
                 (re.compile(r"(?i)\b(i|we|you|he|she|they)['’]d\b"), r"\1 would"),
                 (re.compile(r"(?i)\bcan['’]t\b"), "can not"), (re.compile(r"(?i)n['’]t\b"), " not"))


def _strip_accents(word: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch))


def _norm_tokens(text: str) -> list[str]:
    """Tokens for keyword matching: lower-case, accents removed, French elisions and
    hyphens split (``j'ai travaillé`` → ``j ai travaille``, ``cherchez-vous`` →
    ``cherchez vous``), English contractions spelled out, hesitations dropped."""
    for rx, rep in _CONTRACTIONS:
        text = rx.sub(rep, text)
    out: list[str] = []
    for tok in tokenize(text, split_elisions=True):
        for part in re.split(r"[-'’]+", _strip_accents(tok)):
            if part and part not in _HESITATIONS:
                out.append(part)
    return out


def _norm_text(text: str) -> str:
    """Normalised text (see :func:`_norm_tokens`) with spaces around (for keyword-start matching)."""
    return " " + " ".join(_norm_tokens(text)) + " "


def _keyword_hits(norm: str, keywords: Sequence[str]) -> int:
    """Keywords (word starts, possibly several words) found in a :func:`_norm_text` string.

    A keyword and the text are normalised alike, so accents, elisions, contractions
    and hesitations do not matter; a keyword matches at the start of a word.
    """
    found = {kn for kn in (" ".join(_norm_tokens(k)) for k in keywords) if kn and (" " + kn) in norm}
    # "i am looking" and "i am looking for" in the same place are one cue, not two
    return sum(1 for k in found if not any(o != k and o.startswith(k) for o in found))


_SUFFIXES = ("ations", "ation", "ements", "ement", "ings", "ing", "ies", "ied", "ed", "es", "ez", "er", "s", "e")


def question_stems(question: str, language: str) -> list[str]:
    """Word starts of the question's content words, for the ``relevance`` criterion.

    Accents folded, one inflection suffix removed (``cherchez`` → ``cherch``,
    ``solved`` → ``solv``, ``problème`` → ``problem``), at most 6 letters kept, so an
    answer matches the question's words in any tense or number.
    """
    tokens = _norm_tokens(question)
    # content words; for a question made only of common words ("What are you looking for?"), its longer words
    words = content_words(tokens, language, min_len=4) or [t for t in tokens if len(t) >= 5]
    stems: list[str] = []
    for w in words:
        if w in ("vous", "yourself", "tell", "about", "aujourd", "what", "where", "when", "would", "voulez", "pouvez",
                 "there", "their", "which"):
            continue
        for suf in _SUFFIXES:
            if w.endswith(suf) and len(w) - len(suf) >= 4:
                w = w[:-len(suf)]
                break
        stems.append(w[:6])
    return list(dict.fromkeys(stems))


def classify_question(question: str, *, embedder: Embedder | None = None) -> tuple[str, dict[str, float]]:
    """The question's type and the score of every type.

    Score of a type = keyword rules found (1 each) + the highest cosine between the
    question and the type's prototype questions (when ``embedder`` is given). The
    ``generic`` type wins when no type scores at least 0.5.
    """
    norm = _norm_text(question)
    scores = {t: float(_keyword_hits(norm, rules)) for t, rules in TYPE_RULES.items()}
    if embedder is not None:
        names = list(PROTOTYPES)
        texts = [p for t in names for p in PROTOTYPES[t]]
        q = _encode(embedder, [question])[0]
        sims = _encode(embedder, texts, cache=True) @ q
        k = 0
        for t in names:
            n = len(PROTOTYPES[t])
            scores[t] += float(np.max(sims[k:k + n]))
            k += n
    best = max(scores, key=lambda t: scores[t])
    return (best if scores[best] >= 0.5 else "generic"), {t: round(s, 3) for t, s in scores.items()}


def _criterion(entry: _T, language: str) -> dict[str, Any]:
    name, desc, examples = entry[language]
    return {"id": entry["id"], "name": name, "description": desc, "weight": entry["weight"],
            "examples": list(examples), "keywords": list(entry["keywords"])}


def generate_rubric(question: str, *, language: str | None = None, embedder: Embedder | None = None,
                    relevance_weight: float = 0.15, extra_threshold: float = 0.45) -> dict[str, Any]:
    """Build a rubric for ``question`` from the templates (and the embedding model when given).

    Args:
        question: The question text.
        language: ``fr`` or ``en``; detected from the question when None.
        embedder: Sentence embedder used to classify the question and pick an extra
            criterion from the other templates; None: keyword rules only.
        relevance_weight: Weight of the ``relevance`` criterion (the question itself).
        extra_threshold: Cosine between the question and another template's criterion
            (description and examples) above which that criterion is added.

    Returns:
        The rubric (see the module docstring); weights sum to 1.
    """
    question = normalize_space(question)
    lang = language if language in ("fr", "en") else language_of(question)
    qtype, type_scores = classify_question(question, embedder=embedder)
    criteria = [_criterion(e, lang) for e in TEMPLATES[qtype]]
    if embedder is not None:
        others = [e for t, es in TEMPLATES.items() if t != qtype for e in es if e["id"] not in {c["id"] for c in criteria}]
        if others:
            texts = [" ".join([e[lang][1], *e[lang][2]]) for e in others]
            sims = _encode(embedder, texts, cache=True) @ _encode(embedder, [question])[0]
            k = int(np.argmax(sims))
            if sims[k] >= extra_threshold:
                extra = _criterion(others[k], lang)
                extra["weight"] = 0.15
                criteria.append(extra)
    name, desc = _RELEVANCE[lang]
    criteria.append({"id": "relevance", "name": name, "description": desc.format(q=question), "weight": relevance_weight,
                     "examples": [], "keywords": question_stems(question, lang)})
    total = sum(c["weight"] for c in criteria)
    for c in criteria:
        c["weight"] = round(c["weight"] / total, 3)
    criteria.sort(key=lambda c: (c["id"] == "relevance", -c["weight"]))
    return {"version": RUBRIC_VERSION, "question": question, "language": lang, "question_type": qtype,
            "type_scores": type_scores, "method": "template+embeddings" if embedder is not None else "template",
            "model": getattr(embedder, "name", None), "criteria": criteria}


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class ScoringOptions:
    """How coverage is computed.

    Attributes:
        margin: Cosine above the background level that gives full semantic support.
        evidence_threshold: Lowest support (0-1) for a sentence to be cited as evidence.
        max_evidence: Most sentences cited per criterion.
        keywords_for_full: Keyword hits in one sentence that give full lexical support.
    """

    margin: float = 0.25
    evidence_threshold: float = 0.5
    max_evidence: int = 3
    keywords_for_full: int = 2


def _criterion_keywords(c: Mapping[str, Any], language: str) -> list[str]:
    """Given keywords, else the content words of the name and description (5-letter starts)."""
    if c.get("keywords"):
        return [str(k) for k in c["keywords"]]
    words = content_words(tokenize(f"{c['name']} {c['description']}", split_elisions=False), language, min_len=4)
    return sorted({w[:5] if len(w) > 5 else w for w in words})


def support_matrix(*, sentences: Sequence[str], criteria: Sequence[Mapping[str, Any]], language: str,
                   embedder: Embedder | None, opts: ScoringOptions = ScoringOptions()
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Support of every criterion by every sentence, ``(n_sentences, n_criteria)`` in [0, 1].

    Returns:
        The support matrix; the same before clipping to [0, 1] (ranks the evidence when
        several sentences reach full support); the raw cosine similarity matrix (None
        without embedder).
    """
    n, m = len(sentences), len(criteria)
    lex = np.zeros((n, m), dtype=np.float32)
    norms = [_norm_text(s) for s in sentences]
    for j, c in enumerate(criteria):
        kws = _criterion_keywords(c, language)
        for i, s in enumerate(norms):
            lex[i, j] = min(1.0, _keyword_hits(s, kws) / max(1, opts.keywords_for_full))
    if embedder is None or n == 0:
        return lex, lex.copy(), None
    refs: list[str] = []
    owner: list[int] = []
    for j, c in enumerate(criteria):
        for r in [str(c["description"]), *[str(x) for x in c.get("examples") or []]]:
            refs.append(r)
            owner.append(j)
    background = list(BACKGROUND.get(language, BACKGROUND["en"]))
    sv = _encode(embedder, sentences)
    bv, rv = _encode(embedder, background, cache=True), _encode(embedder, refs, cache=True)
    owner_arr = np.asarray(owner)
    sim = np.full((n, m), -1.0, dtype=np.float32)
    bg = np.full(m, -1.0, dtype=np.float32)
    s_r, b_r = sv @ rv.T, bv @ rv.T
    for j in range(m):
        cols = owner_arr == j
        sim[:, j] = s_r[:, cols].max(axis=1)
        bg[j] = b_r[:, cols].max()
    sem = (sim - bg[None, :]) / opts.margin
    return np.maximum(np.clip(sem, 0.0, 1.0), lex), np.maximum(sem, lex), sim


def score_answer(rubric: Mapping[str, Any], sentences: Sequence[str], embedder: Embedder | None, *,
                 language: str | None = None, opts: ScoringOptions = ScoringOptions()) -> dict[str, Any]:
    """Coverage of each rubric criterion by the answer, with the sentences that show it.

    Args:
        rubric: A rubric (validated with :func:`validate_rubric`).
        sentences: The answer's sentences (fillers may remain; empty ones are dropped).
        embedder: Sentence embedder, or None for keyword matching only (``method``
            says which).
        language: ``fr``/``en`` of the answer (else the rubric's, else detected).
        opts: Thresholds (see :class:`ScoringOptions`).

    Returns:
        ``{"criteria": [{id, name, description, weight, coverage 0-1, evidence:[sentences],
        similarity}], "score": 0-100, "method", "model", "version"}``.
    """
    rubric = validate_rubric(rubric)
    sentences = [normalize_space(s) for s in sentences if normalize_space(s)]
    lang = language or rubric.get("language") or language_of(" ".join(sentences))
    lang = lang if lang in ("fr", "en") else "en"
    crits = rubric["criteria"]
    support, rank, sim = support_matrix(sentences=sentences, criteria=crits, language=lang, embedder=embedder, opts=opts)
    out = []
    for j, c in enumerate(crits):
        col = support[:, j] if sentences else np.zeros(0)
        order = np.argsort(-rank[:, j], kind="stable") if len(col) else []
        evidence = [sentences[i] for i in order[:opts.max_evidence] if col[i] >= opts.evidence_threshold]
        out.append({"id": c["id"], "name": c["name"], "description": c["description"], "weight": c["weight"],
                    "coverage": round(float(col.max()) if len(col) else 0.0, 3), "evidence": evidence,
                    "similarity": round(float(sim[:, j].max()), 3) if sim is not None and len(col) else None})
    wsum = sum(c["weight"] for c in out)
    score = 100.0 * sum(c["weight"] * c["coverage"] for c in out) / wsum
    return {"version": rubric.get("version", RUBRIC_VERSION), "criteria": out, "score": round(score, 1),
            "method": "embeddings+keywords" if embedder is not None else "keywords",
            "model": getattr(embedder, "name", None) if embedder is not None else None}


def answer_sentences(text: str) -> list[str]:
    """Sentences of an answer transcript (see :func:`scripts.core.text.textutils.split_sentences`)."""
    from scripts.core.text.textutils import split_sentences

    return split_sentences(text, max_words=40)


__all__ = ["RUBRIC_VERSION", "TEMPLATES", "Embedder", "ScoringOptions", "answer_sentences", "classify_question",
           "generate_rubric", "question_stems", "score_answer", "support_matrix", "validate_rubric"]

