"""Which device each model runs on: ``--device auto|cpu|cuda`` → one :class:`DeviceChoice`.

The decision is a pure function of what was asked and what the machine has
(:func:`decide`), so it is tested without a GPU; :func:`choose_device` probes the
machine (CTranslate2's CUDA device count for faster-whisper, ONNX Runtime's
providers for the face models) and calls it.

Rules:

* ``cpu`` — everything on the CPU: faster-whisper ``int8``, ONNX Runtime CPU provider.
* ``cuda`` — faster-whisper on the GPU in ``float16``; ONNX Runtime's CUDA provider
  when installed (else its CPU provider, with a note in ``reason``). Asking for
  ``cuda`` on a machine without a CUDA GPU is an :class:`InputError`: a user who
  types ``--device cuda`` expects the GPU, and a silent 20× slower CPU run is worse
  than a clear message.
* ``auto`` — ``cuda`` when CTranslate2 sees a GPU, else ``cpu``; ``reason`` says which
  and why, and the report records it.

    choice = choose_device("auto")
    WhisperModel(path, device=choice.asr_device, compute_type=choice.asr_compute_type)
    onnxruntime.InferenceSession(model, providers=choice.onnx_providers)
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from interview_ai_lab.runtime.errors import InputError

logger = logging.getLogger(__name__)

DEVICES = ("auto", "cpu", "cuda")
CUDA_PROVIDER = "CUDAExecutionProvider"
CPU_PROVIDER = "CPUExecutionProvider"


@dataclass(frozen=True)
class DeviceChoice:
    """Where the models of one run execute.

    Attributes:
        requested: What the user asked for (``auto``, ``cpu`` or ``cuda``).
        asr_device: faster-whisper/CTranslate2 device, ``cpu`` or ``cuda``.
        asr_compute_type: CTranslate2 compute type: ``int8`` on the CPU, ``float16`` on CUDA.
        onnx_providers: ONNX Runtime execution providers, in order of preference
            (always ending with the CPU provider).
        reason: One sentence, for the log and the report, saying why.
        cuda_devices: CUDA devices CTranslate2 saw (0 without a GPU).
    """

    requested: str
    asr_device: str
    asr_compute_type: str
    onnx_providers: tuple[str, ...]
    reason: str
    cuda_devices: int = 0
    warnings: tuple[str, ...] = field(default=())

    @property
    def uses_gpu(self) -> bool:
        """True when any model runs on the GPU."""
        return self.asr_device == "cuda" or CUDA_PROVIDER in self.onnx_providers

    def as_dict(self) -> dict[str, Any]:
        """JSON-friendly form (for ``report.meta.device``)."""
        d = asdict(self)
        d["onnx_providers"] = list(self.onnx_providers)
        d["warnings"] = list(self.warnings)
        return d


def decide(requested: str, *, cuda_devices: int, onnx_available: Sequence[str]) -> DeviceChoice:
    """Pure decision: the device of each model from the request and the machine's facts.

    Args:
        requested: ``auto``, ``cpu`` or ``cuda`` (case-insensitive).
        cuda_devices: Number of CUDA devices CTranslate2 sees
            (``ctranslate2.get_cuda_device_count()``).
        onnx_available: ONNX Runtime's ``get_available_providers()``.

    Raises:
        InputError: Unknown ``requested`` value, or ``cuda`` asked without a CUDA GPU.
    """
    req = (requested or "auto").strip().lower()
    if req not in DEVICES:
        raise InputError(f"--device {requested!r}: choose auto, cpu or cuda")
    cuda_devices = max(0, int(cuda_devices))
    onnx_cuda = CUDA_PROVIDER in set(onnx_available)
    if req == "cpu":
        return DeviceChoice(req, "cpu", "int8", (CPU_PROVIDER,), "CPU requested (--device cpu)", cuda_devices)
    if cuda_devices == 0:
        if req == "cuda":
            raise InputError("--device cuda: no CUDA GPU is visible (CTranslate2 sees 0 CUDA devices; check the NVIDIA "
                             "driver, CUDA 12 + cuDNN 9 libraries and CUDA_VISIBLE_DEVICES), or use --device auto/cpu")
        return DeviceChoice(req, "cpu", "int8", (CPU_PROVIDER,), "auto: no CUDA GPU found, running on the CPU", 0)
    warnings: tuple[str, ...] = ()
    if onnx_cuda:
        providers: tuple[str, ...] = (CUDA_PROVIDER, CPU_PROVIDER)
        onnx_note = "ONNX Runtime on CUDA"
    else:
        providers = (CPU_PROVIDER,)
        onnx_note = "ONNX Runtime on the CPU (install onnxruntime-gpu for its CUDA provider)"
        warnings = ("onnxruntime has no CUDA provider here (install onnxruntime-gpu); the face models run on the CPU",)
    how = "CUDA requested" if req == "cuda" else "auto: CUDA GPU found"
    reason = f"{how} ({cuda_devices} device{'s' if cuda_devices > 1 else ''}): faster-whisper float16 on CUDA, {onnx_note}"
    return DeviceChoice(req, "cuda", "float16", providers, reason, cuda_devices, warnings)


def probe_cuda_devices() -> int:
    """CUDA devices CTranslate2 (faster-whisper's engine) can use; 0 when it is absent or has no CUDA."""
    try:
        import ctranslate2
    except ImportError:
        return 0
    try:
        return int(ctranslate2.get_cuda_device_count())
    except Exception as e:  # a broken driver raises here: treat it as "no GPU"
        logger.debug("ctranslate2.get_cuda_device_count() failed: %s", e)
        return 0


def probe_onnx_providers() -> list[str]:
    """ONNX Runtime's available execution providers (empty when onnxruntime is absent)."""
    try:
        import onnxruntime
    except ImportError:
        return []
    return list(onnxruntime.get_available_providers())


def choose_device(requested: str = "auto", *, cuda_probe: Callable[[], int] = probe_cuda_devices,
                  onnx_probe: Callable[[], Sequence[str]] = probe_onnx_providers) -> DeviceChoice:
    """Probe the machine (the probes are injectable for tests) and :func:`decide`.

    The probes run only when needed (``cpu`` probes nothing). The choice is logged once.

    Raises:
        InputError: ``cuda`` requested without a CUDA GPU, or an unknown value.
    """
    req = (requested or "auto").strip().lower()
    if req == "cpu":
        choice = decide(req, cuda_devices=0, onnx_available=())
    else:
        choice = decide(req, cuda_devices=cuda_probe(), onnx_available=onnx_probe())
    logger.info("Device: %s", choice.reason)
    for w in choice.warnings:
        logger.warning(w)
    return choice
