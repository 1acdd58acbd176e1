"""Progress display for the command line: one tqdm bar per running stage."""

from __future__ import annotations

import threading
from typing import Any


class TqdmHook:
    """``hook(stage, completed, total)`` that draws a tqdm bar per stage.

    Bars are created on a stage's first event and closed when ``completed >= total``.
    Safe to call from the two branch threads.
    """

    def __init__(self) -> None:
        self._bars: dict[str, Any] = {}
        self._lock = threading.Lock()

    def __call__(self, stage: str, completed: float, total: float) -> None:
        """Move ``stage``'s bar to ``completed`` out of ``total`` (the stage's own units), closing it at the end."""
        from tqdm import tqdm

        with self._lock:
            bar = self._bars.get(stage)
            if bar is None:
                if total <= 1 and completed >= total:
                    return
                bar = tqdm(total=round(float(total), 1), desc=f"{stage:<18}", unit="", leave=False,
                           bar_format="{desc} {percentage:3.0f}%|{bar}| {elapsed}<{remaining}", dynamic_ncols=True)
                self._bars[stage] = bar
            if total and abs(bar.total - total) > 1e-6:
                bar.total = round(float(total), 1)
            bar.n = round(min(float(completed), bar.total), 1)
            bar.refresh()
            if completed >= total:
                bar.close()
                del self._bars[stage]
