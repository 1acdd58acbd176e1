"""The analysis stages: one module each, exporting ``STAGE = Stage(...)``.

The registry (:mod:`interview_ai_lab.registry`) imports exactly the modules listed here and
orders them by what they read; ``scripts/<name>.py`` runs one of them alone.
"""

#: Every stage module of ``interview_ai_lab.stages`` (the order here does not matter).
STAGE_MODULES: tuple[str, ...] = (
    "extract_audio",
    "transcribe",
    "speech_metrics",
    "text_analysis",
    "face_emotions_onnx",
    "gaze_nods",
    "questions",
    "scores",
    "blur_faces",
    "merge_report",
)
