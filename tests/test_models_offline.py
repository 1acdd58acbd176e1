"""Model resolution never reaches the network unless downloads are allowed (``IAL_ALLOW_DOWNLOADS``).

The network calls themselves are made to fail and to record that they were reached:
``socket.socket.connect`` (any connection at all), faster-whisper's hub download,
``huggingface_hub.snapshot_download`` when not local-only, and ``urllib.request.urlopen``.
The resolver, the packaged fallbacks and their labels are the real ones.
"""

from __future__ import annotations

import socket
import urllib.request

import pytest

from interview_ai_lab.runtime import model_resolver as M


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
    if hasattr(M, "resolve_face_landmarker") and M.packaged_face_landmarker() is not None:
        face = M.resolve_face_landmarker()
        assert face.source.startswith("package:") and not face.download_attempted
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
