/**
 * GENERATED FILE, DO NOT EDIT: `npm run types` writes it from report.schema.json (json-schema-to-typescript).
 * Import the report types from ./types, which names them for the components.
 */

export interface InterviewAiLabReport {
  transcript: string;
  /**
   * language of the interview (fr, en…)
   */
  language?: string | null;
  /**
   * facts probed from the video file
   */
  media?: Media | null;
  /**
   * the transcript's words with their times
   */
  words?: Word[];
  /**
   * what the speech recogniser wrote but nobody said there, left out of the transcript, the words and the measures, with the reason
   */
  transcript_dropped?: DroppedText[];
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
  /**
   * known limits of each measure, in English
   */
  limits?: {
    [k: string]: string | undefined;
  };
  /**
   * scores assist a human reviewer and never decide
   */
  disclaimer?: string | null;
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
export interface Media {
  /**
   * seconds
   */
  duration_sec?: number | null;
  has_audio?: boolean | null;
  has_video?: boolean | null;
  /**
   * frames per second
   */
  fps?: number | null;
  /**
   * pixels
   */
  width?: number | null;
  /**
   * pixels
   */
  height?: number | null;
  video_codec?: string | null;
  audio_codec?: string | null;
  /**
   * ffprobe | pyav
   */
  prober?: string | null;
  [k: string]: unknown | undefined;
}
export interface Word {
  /**
   * the word as transcribed, punctuation included
   */
  w: string;
  /**
   * seconds
   */
  start: number;
  /**
   * seconds
   */
  end: number;
  /**
   * a hesitation filler (euh, um…) found at this time
   */
  filler?: boolean;
  [k: string]: unknown | undefined;
}
export interface DroppedText {
  /**
   * seconds
   */
  start: number;
  /**
   * seconds
   */
  end: number;
  /**
   * what the speech recogniser wrote there
   */
  text: string;
  /**
   * no_speech: the recogniser rated it as no speech; loop: a repeated phrase or a text that compresses like a loop; prompt_echo: the decoding prompt written back; zero_length: words of no length piled at a chunk's end; no_voice: no voiced sound under it (silence, breath, cough); filler_sound: a word written over a lone hesitation sound (counted as a filler)
   */
  reason: "no_speech" | "loop" | "prompt_echo" | "zero_length" | "no_voice" | "filler_sound";
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
   * total of the pauses (stretches without speech of at least min_pause_sec), seconds
   */
  silence_sec: number;
  /**
   * shortest stretch without speech counted as a pause in this run (--min-pause-sec), seconds; null in reports written before it was recorded (0.25 s unless set otherwise)
   */
  min_pause_sec?: number | null;
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
  /**
   * words per minute of speaking time (pauses excluded)
   */
  articulation_rate?: number | null;
  /**
   * recognised words, fillers excluded
   */
  word_count?: number | null;
  /**
   * recording minus pauses, seconds
   */
  speaking_time_sec?: number | null;
  /**
   * pauses of at least min_pause_sec
   */
  pause_count?: number | null;
  /**
   * fillers per minute of recording
   */
  filler_rate_per_min?: number | null;
  /**
   * median pitch of voiced frames, Hz
   */
  pitch_median_hz?: number | null;
  /**
   * spread of the loudness of speech frames as recorded, dB
   */
  energy_variability_db?: number | null;
  /**
   * background level as recorded, dBFS
   */
  noise_floor_db?: number | null;
  /**
   * level of speech as recorded, dBFS
   */
  speech_level_db?: number | null;
  /**
   * language of the speech (fr, en…)
   */
  language?: string | null;
  /**
   * spread of the voice's pitch on voiced frames, semitones; null without enough voiced speech
   */
  pitch_variability_st?: number | null;
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
  /**
   * end of the filler, seconds
   */
  end?: number | null;
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
  /**
   * share of the analysis windows that stood clearly above the noise floor and set the gain
   */
  speech_share?: number | null;
  [k: string]: unknown | undefined;
}
export interface Text {
  sentiment: Sentiment;
  summary: string;
  /**
   * key words and phrases of the transcript, best first
   */
  keywords?: string[];
  /**
   * embedding-mmr | textrank (no sentence model)
   */
  summary_method?: string | null;
  /**
   * the sentence-embedding model used
   */
  summary_model?: string | null;
  /**
   * the transcript sentences picked for the summary, 0-based
   */
  summary_sentence_indices?: number[];
  sentences?: number | null;
  words?: number | null;
  language?: string | null;
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
  /**
   * transformers (a classifier) | lexicon (the labelled fallback)
   */
  method?: string | null;
  /**
   * the classifier's or the lexicon's name
   */
  model?: string | null;
  /**
   * positive, neutral, negative probabilities summing to 1
   */
  scores?: {
    [k: string]: number | undefined;
  };
  /**
   * P(positive) - P(negative), or the lexicon's mean sentence score, -1..1
   */
  polarity?: number | null;
  /**
   * chunks (classifier) or sentences (lexicon) scored
   */
  units?: number | null;
  language?: string | null;
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
   * share of the analysed frames with the candidate's face
   */
  face_detected_ratio?: number | null;
  /**
   * face seen but not looking at the camera, at least 0.5 s: start and end, seconds
   */
  look_away_events?: Pause[];
  /**
   * no face in the frame, at least 0.5 s
   */
  no_face_events?: Pause[];
  median_head_pose?: HeadPose | null;
  /**
   * the pose counted as facing the camera
   */
  pose_reference?: HeadPose | null;
  /**
   * other faces appeared often (they were ignored)
   */
  multiple_faces?: boolean | null;
  /**
   * the options the measures used
   */
  thresholds?: {
    [k: string]: unknown | undefined;
  };
  /**
   * landmark frames analysed
   */
  frames?: number | null;
  /**
   * blinks per minute of visible face (eye-blink blendshape, landmarks at 12 fps or more); a measured fact for the coaching expression panel only: never scored; null in recruitment mode, where no expression measure is kept, scored or shown, below 12 landmark frames per second, and with less than 10 s of visible face
   */
  blink_rate_per_min?: number | null;
  /**
   * blinks counted (null when the rate is null)
   */
  blinks?: number | null;
  /**
   * time of each blink, seconds
   */
  blink_times?: number[];
  /**
   * share of the frames with a face whose smile blendshape is above 0.5; a measured fact for the coaching expression panel only: never scored; null in recruitment mode, where no expression measure is kept, scored or shown, and when no frame has a face
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
  /**
   * label -> mean model probability
   */
  mean_probabilities?: {
    [k: string]: number | undefined;
  };
  /**
   * the emotion model used
   */
  model?: string | null;
  /**
   * face frames the model read
   */
  n_frames?: number | null;
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
  /**
   * depth of the dip below the baseline, degrees
   */
  amplitude_deg?: number | null;
  [k: string]: unknown | undefined;
}
export interface HeadPose {
  /**
   * degrees, 0 facing the camera
   */
  yaw?: number | null;
  /**
   * degrees, 0 facing the camera
   */
  pitch?: number | null;
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
   * no_audio_track | no_speech | no_video_stream | no_face | face_too_rarely_visible ({ratio}) | answer_missing ({questions}) | not_measured ({criterion}?)
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
  /**
   * total: the answers' rubric coverage that made the verbal part
   */
  answers?: {
    [k: string]: unknown | undefined;
  }[];
  /**
   * verbal: facts shown beside the part that earn no points (the tone)
   */
  information?: {
    [k: string]: unknown | undefined;
  } | null;
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
  /**
   * rubric_coverage: the answer covers under a third of its rubric, so it earns at most a third of the points (null when not measured)
   */
  off_topic?: boolean | null;
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
  /**
   * sentiment and embedding models used
   */
  text_models?: {
    [k: string]: unknown | undefined;
  } | null;
  /**
   * emotion inference ran (never in recruitment)
   */
  emotions_enabled?: boolean | null;
  /**
   * the --device asked for: cpu | cuda | auto
   */
  device?: string | null;
  /**
   * the device each model ran on, and why
   */
  device_choice?: {
    [k: string]: unknown | undefined;
  } | null;
  /**
   * file name of the analysed video
   */
  video?: string | null;
  /**
   * when the report was made, ISO 8601
   */
  created_at?: string | null;
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
  rubric?: RubricResult | null;
  /**
   * start of the answer, seconds (null: not answered); exact when given with the questions (an answer recorded on its own)
   */
  start?: number | null;
  /**
   * end of the answer, seconds (null: not answered)
   */
  end?: number | null;
  /**
   * false: the recording holds no answer to this question (a one-way interview sent without it); its scores are not measured (answer_missing)
   */
  answered?: boolean;
  /**
   * how the answer's start was found: given | transcript | pause | short_pause | even_split | first_speech | not_answered
   */
  boundary_method?: string | null;
  /**
   * the words of the answer
   */
  transcript?: string | null;
  /**
   * speech measures of the answer alone
   */
  speech?: AnswerSpeech | null;
  /**
   * non-verbal measures of the answer alone
   */
  nonverbal?: AnswerNonverbal | null;
  [k: string]: unknown | undefined;
}
export interface RubricResult {
  criteria: RubricCriterionResult[];
  /**
   * weighted coverage of the rubric, 0-100
   */
  score: number;
  /**
   * how coverage was found: embeddings+keywords | keywords
   */
  method?: string | null;
  /**
   * generated (from the question) | given | edited
   */
  source?: string | null;
  /**
   * the rubric used, with its weights
   */
  definition?: {
    [k: string]: unknown | undefined;
  } | null;
  [k: string]: unknown | undefined;
}
export interface RubricCriterionResult {
  /**
   * stable id of the criterion within its rubric
   */
  id?: string | null;
  name: string;
  description?: string | null;
  /**
   * relative weight inside the rubric
   */
  weight?: number | null;
  /**
   * how well the answer shows the criterion, 0-1
   */
  coverage: number;
  /**
   * the answer's sentences that show it
   */
  evidence?: string[];
  [k: string]: unknown | undefined;
}
export interface AnswerSpeech {
  /**
   * length of the answer, seconds
   */
  duration_sec: number;
  /**
   * words of the answer, fillers excluded
   */
  words: number;
  /**
   * words per minute over the answer
   */
  wpm: number;
  /**
   * words per minute of speaking time (pauses excluded)
   */
  articulation_wpm?: number | null;
  /**
   * pauses of at least min_pause_sec within the answer, seconds
   */
  silence_sec: number;
  /**
   * shortest pause counted, seconds: the run's (speech.min_pause_sec)
   */
  min_pause_sec?: number | null;
  pauses?: Pause[];
  /**
   * fillers within the answer
   */
  fillers: number;
  filler_events?: FillerEvent[];
  [k: string]: unknown | undefined;
}
export interface AnswerNonverbal {
  /**
   * share of the answer's frames looking at the camera
   */
  eye_contact_ratio: number;
  nods: number;
  nod_events?: NodEvent[];
  /**
   * share of the answer's frames with the face
   */
  face_detected_ratio: number;
  /**
   * landmark frames within the answer
   */
  frames?: number | null;
  /**
   * coaching mode only
   */
  emotions?: Emotions | null;
  [k: string]: unknown | undefined;
}
