"""Sentence embeddings with plain transformers: mean pooling over tokens, L2-normalised.

Works with any sentence-transformers checkpoint folder (``config.json`` + tokenizer +
weights), e.g. the default ``paraphrase-multilingual-MiniLM-L12-v2`` or the packaged
``all-MiniLM-L6-v2`` fallback, without the sentence-transformers package: mean pooling
is what both use. Reused by the summary, the keywords and (later) rubric matching.

    enc = SentenceEncoder.load(resolve_embedding(), threads=2)
    vecs = enc.encode(["first sentence", "second one"])   # (2, 384) float32, unit norm
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import Any, Iterator, Sequence

import numpy as np

from .errors import StageError, missing_dependency
from .models import ResolvedModel

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


class SentenceEncoder:
    """A loaded sentence-embedding model.

    Attributes:
        name: The model's name as reported (e.g. ``sentence-transformers/all-MiniLM-L6-v2``).
        path: Folder the model was loaded from.
        multilingual: False for English-only models (French then embeds less well).
        threads: CPU threads torch may use while encoding.
        device: ``cpu`` or ``cuda``.
    """

    def __init__(self, model: Any, tokenizer: Any, *, name: str, path: Path, multilingual: bool,
                 threads: int = 1, device: str = "cpu"):
        self._model = model
        self._tokenizer = tokenizer
        self.name = name
        self.path = Path(path)
        self.multilingual = multilingual
        self.threads = max(1, int(threads))
        self.device = device
        self._cache: dict[tuple[str, int], np.ndarray] = {}

    @classmethod
    def load(cls, resolved: ResolvedModel, *, threads: int = 1, device: str = "cpu") -> "SentenceEncoder":
        """Load the tokenizer and encoder of ``resolved`` (a folder) with ``threads`` CPU threads.

        Raises:
            StageError: The folder is not a loadable transformers model.
        """
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
                   threads=threads, device=dev)

    def encode(self, texts: Sequence[str], *, batch_size: int = 32, max_length: int = 256,
               normalize: bool = True) -> np.ndarray:
        """Embed ``texts``: mean-pooled last hidden states, ``(len(texts), dim)`` float32.

        Args:
            texts: Sentences (longer ones are truncated to ``max_length`` tokens).
            batch_size: Sentences per forward pass.
            max_length: Most tokens per sentence.
            normalize: Scale each vector to unit norm (cosine = dot product).
        """
        torch = import_torch()
        dim = int(getattr(self._model.config, "hidden_size", 0) or 0)
        if not texts:
            return np.zeros((0, dim), dtype=np.float32)
        # Texts already embedded (e.g. by the summary, then the keywords) are not recomputed.
        todo = list(dict.fromkeys(t for t in texts if (t, max_length) not in self._cache))
        with torch_threads(self.threads), torch.inference_mode():
            for i in range(0, len(todo), batch_size):
                batch = todo[i:i + batch_size]
                enc = self._tokenizer([t if t.strip() else "." for t in batch], padding=True, truncation=True,
                                      max_length=max_length, return_tensors="pt")
                enc = {k: v.to(self.device) for k, v in enc.items()}
                hidden = self._model(**enc).last_hidden_state
                mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = ((hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)).float().cpu().numpy()
                if len(self._cache) > 20_000:
                    self._cache.clear()
                for t, v in zip(batch, pooled):
                    self._cache[(t, max_length)] = v.astype(np.float32)
        vecs = np.stack([self._cache[(t, max_length)] for t in texts])
        return l2_normalize(vecs) if normalize else vecs


def load_encoder(resolved: ResolvedModel | None, *, threads: int = 1, device: str = "cpu") -> SentenceEncoder | None:
    """:meth:`SentenceEncoder.load` of ``resolved``, or None when no model was resolved."""
    if resolved is None:
        return None
    return SentenceEncoder.load(resolved, threads=threads, device=device)
