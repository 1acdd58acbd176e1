"""Stage — the words of the transcript, counted → ``word_count.json`` (a stage is one file).

Reads ``transcript.json`` (from ``transcribe``) and writes ``word_count.json``
``{"word_count": {"words": n, "min_length": k}}``; the merge copies ``word_count`` into
``report.json``.

    python scripts/word_count.py --outdir outputs/sample1
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass

from scripts.core.runtime.atomic import read_json
from scripts.core.runtime.stage import Context, Payload, Stage

logger = logging.getLogger(__name__)

#: The artefact read: the transcript.
TRANSCRIPT = "transcript.json"


@dataclass
class Options:
    """Options of the word count.

    Attributes:
        min_length: Shortest word counted, in letters (punctuation around a word is not counted).
    """

    min_length: int = 1


def run(ctx: Context, opts: Options) -> Payload:
    """Count the words of ``transcript.json``; the payload of ``word_count.json``."""
    text = str(read_json(ctx.path(TRANSCRIPT)).get("text") or "")
    words = [w for w in text.split() if len(w.strip(".,;:!?…\"'()")) >= opts.min_length]
    logger.info("%d words", len(words))
    return {"word_count": {"words": len(words), "min_length": opts.min_length}, "warnings": []}


STAGE = Stage(name="word_count", version="1", inputs=(TRANSCRIPT,), output="word_count.json", options=Options, run=run,
              report_key="word_count", weight=1)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python scripts/word_count.py --outdir D`` (reads ``D/transcript.json``)."""
    return STAGE.main(argv)


if __name__ == "__main__":
    sys.exit(main())
