"""Device choice: the pure decision (no GPU needed) and the real probes of this machine."""

from __future__ import annotations

import pytest

from interview_ai_lab.runtime.device import (
    CPU_PROVIDER,
    CUDA_PROVIDER,
    choose_device,
    decide,
    probe_cuda_devices,
    probe_onnx_providers,
)
from interview_ai_lab.runtime.errors import InputError

CPU_ONLY = ["AzureExecutionProvider", CPU_PROVIDER]
WITH_CUDA = ["TensorrtExecutionProvider", CUDA_PROVIDER, CPU_PROVIDER]


def test_cpu_requested_is_cpu_even_with_a_gpu():
    c = decide("cpu", cuda_devices=2, onnx_available=WITH_CUDA)
    assert (c.asr_device, c.asr_compute_type, c.onnx_providers) == ("cpu", "int8", (CPU_PROVIDER,))
    assert not c.uses_gpu


def test_auto_without_gpu_falls_back_to_cpu_with_a_reason():
    c = decide("auto", cuda_devices=0, onnx_available=CPU_ONLY)
    assert (c.asr_device, c.asr_compute_type, c.onnx_providers) == ("cpu", "int8", (CPU_PROVIDER,))
    assert "no CUDA GPU" in c.reason


def test_auto_with_gpu_and_onnx_cuda_uses_both():
    c = decide("AUTO", cuda_devices=1, onnx_available=WITH_CUDA)
    assert (c.asr_device, c.asr_compute_type) == ("cuda", "float16")
    assert c.onnx_providers == (CUDA_PROVIDER, CPU_PROVIDER)
    assert c.uses_gpu and not c.warnings


def test_cuda_with_gpu_but_cpu_only_onnxruntime_keeps_onnx_on_cpu_and_warns():
    c = decide("cuda", cuda_devices=1, onnx_available=CPU_ONLY)
    assert (c.asr_device, c.asr_compute_type, c.onnx_providers) == ("cuda", "float16", (CPU_PROVIDER,))
    assert c.warnings and "onnxruntime-gpu" in c.warnings[0]


def test_cuda_requested_without_gpu_is_a_clear_error():
    with pytest.raises(InputError, match="no CUDA GPU"):
        decide("cuda", cuda_devices=0, onnx_available=WITH_CUDA)


def test_unknown_device_is_an_error():
    with pytest.raises(InputError, match="auto, cpu or cuda"):
        decide("tpu", cuda_devices=0, onnx_available=CPU_ONLY)


def test_choose_device_uses_injected_probes_and_cpu_probes_nothing():
    def boom() -> int:
        raise AssertionError("cpu must not probe")

    assert choose_device("cpu", cuda_probe=boom, onnx_probe=boom).asr_device == "cpu"
    c = choose_device("auto", cuda_probe=lambda: 1, onnx_probe=lambda: WITH_CUDA)
    assert c.as_dict()["onnx_providers"] == [CUDA_PROVIDER, CPU_PROVIDER]


def test_real_probes_agree_with_the_choice_on_this_machine():
    n = probe_cuda_devices()
    providers = probe_onnx_providers()
    assert CPU_PROVIDER in providers
    c = choose_device("auto")
    assert c.asr_device == ("cuda" if n > 0 else "cpu")
    if n == 0:
        with pytest.raises(InputError):
            choose_device("cuda")


@pytest.mark.skipif(probe_cuda_devices() == 0, reason="needs a CUDA GPU")
def test_gpu_path_loads_whisper_in_float16():  # exercised on a GPU machine only
    from faster_whisper import WhisperModel

    from interview_ai_lab.runtime.model_resolver import resolve_asr

    c = choose_device("cuda")
    model = WhisperModel(str(resolve_asr("base").path), device=c.asr_device, compute_type=c.asr_compute_type)
    assert model.model.device == "cuda"
