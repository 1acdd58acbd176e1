"""interview-ai-lab analysis stages.

Each stage module (``extract_audio``, ``transcribe``, ``speech_metrics``,
``text_analysis``, ``face_emotions_onnx``, ``gaze_nods``, ``scores``) exposes an
``Options`` dataclass, ``run(ctx, opts) -> Path`` and ``main(argv=None)``.
Shared helpers live in :mod:`scripts.core`.
"""
