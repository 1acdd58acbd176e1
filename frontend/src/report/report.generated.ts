/**
 * GENERATED FILE, DO NOT EDIT: `npm run types` writes it from report.schema.json (json-schema-to-typescript).
 * Import the report types from ./types, which names them for the components.
 */

export interface InterviewAiLabReport {
  transcript: string;
  speech?: Speech | null;
  text?: Text | null;
  nonverbal?: Nonverbal | null;
  scores: Scores;
  score_details?: {
    [k: string]: ScoreDetail | undefined;
  };
  /**
   * the English messages of `notices`
   */
  warnings?: string[];
  /**
   * the warnings as codes with parameters
   */
  notices?: Notice[];
  meta: Meta;
  /**
   * per-question split (with --questions)
   */
  questions?: Question[] | null;
  /**
   * the face-blurred copy (with --blur-faces)
   */
  blur?: {
    [k: string]: unknown | undefined;
  } | null;
  [k: string]: unknown | undefined;
}
export interface Speech {
  /**
   * length of the recording, seconds
   */
  duration_sec: number;
  /**
   * words per minute: words (fillers excluded) / total minutes
   */
  wpm: number;
  /**
   * total of silent stretches of at least 0.5 s, seconds
   */
  silence_sec: number;
  /**
   * number of filler words (euh, um…)
   */
  fillers: number;
  filler_events?: FillerEvent[];
  pauses?: Pause[];
  /**
   * share of the voiced time covered by recognised words or fillers, 0-1; below 0.9 a warning names the uncovered times
   */
  coverage?: number | null;
  /**
   * voiced stretches of at least 0.5 s without words
   */
  uncovered?: Pause[];
  /**
   * loudness levelling applied to the audio
   */
  levelling?: SpeechLevelling | null;
  [k: string]: unknown | undefined;
}
export interface FillerEvent {
  /**
   * the filler as heard (e.g. 'euh', 'um')
   */
  word: string;
  /**
   * time in seconds from the start
   */
  t: number;
  /**
   * 'asr' (in the transcript) or 'acoustic' (found in the signal)
   */
  source?: string | null;
  [k: string]: unknown | undefined;
}
export interface Pause {
  /**
   * seconds
   */
  start: number;
  /**
   * seconds
   */
  end: number;
  [k: string]: unknown | undefined;
}
export interface SpeechLevelling {
  /**
   * 'bs1770' (short-term ITU-R BS.1770 loudness, pyloudnorm) or 'dynaudnorm' (FFmpeg)
   */
  method: string;
  /**
   * loudness the speech was brought to, LUFS
   */
  target_lufs?: number | null;
  /**
   * median short-term loudness of the speech as recorded, LUFS
   */
  loudness_lufs?: number | null;
  /**
   * median gain applied before VAD, ASR and pause detection, dB
   */
  gain_db_median: number;
  /**
   * smallest gain applied, dB
   */
  gain_db_min: number;
  /**
   * largest gain applied, dB
   */
  gain_db_max: number;
  [k: string]: unknown | undefined;
}
export interface Text {
  sentiment: Sentiment;
  summary: string;
  [k: string]: unknown | undefined;
}
export interface Sentiment {
  /**
   * positive | neutral | negative
   */
  label: string;
  /**
   * confidence of the label, 0-1
   */
  score: number;
  [k: string]: unknown | undefined;
}
export interface Nonverbal {
  /**
   * share of analysed time looking at the camera
   */
  eye_contact_ratio: number;
  nods: number;
  emotions?: Emotions | null;
  nod_events?: NodEvent[];
  /**
   * blinks per minute of visible face (eye-blink blendshape, landmarks at 12 fps or more); a measured fact for the coaching expression panel only: never scored, and null in recruitment mode, where no expression measure is kept, scored or shown
   */
  blink_rate_per_min?: number | null;
  /**
   * share of the frames with a face whose smile blendshape is above 0.5; a measured fact for the coaching expression panel only: never scored, and null in recruitment mode, where no expression measure is kept, scored or shown
   */
  smile_share?: number | null;
  [k: string]: unknown | undefined;
}
export interface Emotions {
  dominant_emotion: string;
  /**
   * label -> share of analysed time; shares sum to 1
   */
  distribution: {
    [k: string]: number | undefined;
  };
  timeline?: TimelinePoint[];
  [k: string]: unknown | undefined;
}
export interface TimelinePoint {
  /**
   * seconds
   */
  t: number;
  /**
   * emotion label
   */
  e: string;
  [k: string]: unknown | undefined;
}
export interface NodEvent {
  /**
   * seconds
   */
  t: number;
  [k: string]: unknown | undefined;
}
export interface Scores {
  /**
   * out of 40 by default; null when not measured
   */
  verbal?: number | null;
  /**
   * out of 20 by default; null when not measured
   */
  paraverbal?: number | null;
  /**
   * out of 40 by default; null when not measured
   */
  nonverbal?: number | null;
  /**
   * out of 100: the sum of the parts; null whenever any part is not measured (never re-scaled to look complete)
   */
  total?: number | null;
  /**
   * what could be measured, e.g. 40 of 40 points on the non-verbal part alone
   */
  measured?: Measured | null;
  /**
   * null when every part was measured; else why not
   */
  incomplete?: Incomplete | null;
  [k: string]: unknown | undefined;
}
export interface Measured {
  /**
   * points earned in the parts that could be measured
   */
  points: number;
  /**
   * maximum points of the parts that could be measured
   */
  out_of: number;
  /**
   * the parts that could be measured
   */
  parts?: ("verbal" | "paraverbal" | "nonverbal")[];
  [k: string]: unknown | undefined;
}
export interface Incomplete {
  /**
   * one per part that could not be measured
   */
  reasons: IncompleteReason[];
  [k: string]: unknown | undefined;
}
export interface IncompleteReason {
  part: "verbal" | "paraverbal" | "nonverbal";
  /**
   * no_audio_track | no_speech | no_video_stream | no_face | face_too_rarely_visible ({ratio}) | not_measured ({criterion}?)
   */
  code: string;
  /**
   * values the translated reason needs
   */
  params?: {
    [k: string]: unknown | undefined;
  };
  [k: string]: unknown | undefined;
}
export interface ScoreDetail {
  /**
   * verbal | paraverbal | nonverbal | total
   */
  name?: string | null;
  /**
   * points obtained (null when not measured)
   */
  points?: number | null;
  /**
   * maximum points of this part
   */
  max: number;
  /**
   * how the points are computed, in words
   */
  rule: string;
  /**
   * the numbers the rule needs
   */
  rule_params?: {
    [k: string]: unknown | undefined;
  };
  /**
   * the measured values used
   */
  inputs?: {
    [k: string]: unknown | undefined;
  };
  /**
   * criteria: name, value, points, max, rule, rule_params
   */
  parts?: Criterion[];
  /**
   * why this part was not measured (null when it was)
   */
  reason?: Reason | null;
  [k: string]: unknown | undefined;
}
export interface Criterion {
  /**
   * stable criterion name: elaboration, vocabulary, structure, rubric_coverage, speaking_rate, fillers, pauses, voice_variation, eye_contact, nods, expression
   */
  name: string;
  /**
   * the measured value (null when not measured)
   */
  value?: unknown;
  /**
   * points earned (null when not measured)
   */
  points?: number | null;
  /**
   * maximum points of the criterion
   */
  max?: number | null;
  /**
   * the rule in words (English)
   */
  rule: string;
  /**
   * the numbers the rule needs, e.g. {full_from: 150}
   */
  rule_params?: {
    [k: string]: unknown | undefined;
  };
  reason?: Reason | null;
  /**
   * rubric_coverage: the question (1-based)
   */
  question_index?: number | null;
  /**
   * rubric_coverage: the question's share of the verbal part
   */
  weight?: number | null;
  /**
   * rubric_coverage: share of the rubric covered
   */
  coverage?: number | null;
  [k: string]: unknown | undefined;
}
export interface Reason {
  /**
   * why it was not measured (see IncompleteReason.code)
   */
  code: string;
  params?: {
    [k: string]: unknown | undefined;
  };
  [k: string]: unknown | undefined;
}
export interface Notice {
  /**
   * stable identifier the reader's interface translates ('message' = an uncoded English text)
   */
  code: string;
  /**
   * values the translated sentence needs
   */
  params?: {
    [k: string]: unknown | undefined;
  };
  /**
   * the English sentence (command line, HTML report)
   */
  message: string;
  /**
   * details for administrators: models, variables, files
   */
  technical?: string | null;
  [k: string]: unknown | undefined;
}
export interface Meta {
  asr_model?: {
    [k: string]: unknown | undefined;
  } | null;
  emotion_model?: {
    [k: string]: unknown | undefined;
  } | null;
  /**
   * the face landmarker used, and where it came from
   */
  face_model?: {
    [k: string]: unknown | undefined;
  } | null;
  /**
   * whether the run tried to reach the network
   */
  network?: Network | null;
  mode?: string;
  options?: {
    [k: string]: unknown | undefined;
  };
  stage_seconds?: {
    [k: string]: number | undefined;
  };
  versions?: {
    [k: string]: string | undefined;
  };
  [k: string]: unknown | undefined;
}
export interface Network {
  /**
   * a missing model could be downloaded in this run (IAL_ALLOW_DOWNLOADS)
   */
  downloads_allowed: boolean;
  /**
   * this run tried to reach the network (a model download)
   */
  attempted: boolean;
  /**
   * models (repository ids or URLs) a download was tried for
   */
  models?: string[];
  [k: string]: unknown | undefined;
}
export interface Question {
  /**
   * 1-based position of the question
   */
  index: number;
  text: string;
  /**
   * the question's weight in the interview's verbal part
   */
  weight?: number;
  /**
   * the answer score: this answer alone, not the interview's
   */
  scores?: Scores | null;
  /**
   * how the answer score is made
   */
  score_details?: {
    [k: string]: ScoreDetail | undefined;
  };
  /**
   * rubric coverage: criteria, evidence, score 0-100
   */
  rubric?: {
    [k: string]: unknown | undefined;
  } | null;
  [k: string]: unknown | undefined;
}
