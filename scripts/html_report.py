"""The offline report: ``report.html``, a self-contained page next to ``report.json``.

The page is the committed single-file viewer ``scripts/assets/report_viewer.html`` (built
from ``frontend/`` with ``npm run build:viewer``: the same report components as the web
app) with the report JSON embedded. It needs no server, no Node and no network; it prints
to PDF from the browser. The reader can open the interview video from disk in the page to
seek it from the transcript and the timeline.

    python scripts/html_report.py outputs/sample1/report.json [--video data/sample.mp4]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    __package__ = "scripts"

from scripts.core.atomic import read_json, write_text_atomic
from scripts.core.errors import AnalysisError, InputError, StageError

logger = logging.getLogger(__name__)

VIEWER_PATH = Path(__file__).resolve().parent / "assets" / "report_viewer.html"
HTML_NAME = "report.html"
DATA_SLOT = '<script id="report-data" type="application/json">null</script>'
VIDEO_SLOT = '<script id="report-video" type="application/json">null</script>'


def embed_json(obj: Any) -> str:
    """Serialise ``obj`` for a ``<script type="application/json">`` element.

    ``<``, ``>`` and ``&`` are written as ``\\u003c``… so no ``</script>`` or ``<!--`` in a
    transcript can end the element early; ``JSON.parse`` reads them back unchanged.
    """
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def render_html(report: dict[str, Any], *, video_src: str | None = None, viewer: Path = VIEWER_PATH) -> str:
    """The page for ``report``: the viewer with the report (and the video's URL) embedded.

    Raises:
        StageError: The viewer file is missing or has no data slot (a broken install).
    """
    try:
        page = viewer.read_text(encoding="utf-8")
    except OSError as e:
        raise StageError(f"the report viewer {viewer} is missing; reinstall the project or run "
                         "`npm run build:viewer` in frontend/") from e
    if page.count(DATA_SLOT) != 1 or page.count(VIDEO_SLOT) != 1:
        raise StageError(f"the report viewer {viewer} has no report slot; rebuild it with `npm run build:viewer`")
    try:
        data = embed_json(report)
    except ValueError as e:  # NaN or infinity in a measure
        raise StageError(f"the report cannot be written as JSON: {e}") from e
    page = page.replace(DATA_SLOT, f'<script id="report-data" type="application/json">{data}</script>')
    video = embed_json({"src": video_src}) if video_src else "null"
    return page.replace(VIDEO_SLOT, f'<script id="report-video" type="application/json">{video}</script>')


def write_html(report_json_path: Path, *, video: Path | None = None) -> Path:
    """Write ``report.html`` next to ``report_json_path`` (atomically) and return its path.

    Args:
        report_json_path: The ``report.json`` to show.
        video: The interview video, linked by a path relative to the page so it plays
            and seeks when the page is opened from the same disk (optional).

    Raises:
        InputError: ``report_json_path`` is missing or not valid JSON.
        StageError: The viewer asset is missing or broken.
    """
    report_json_path = Path(report_json_path)
    try:
        report = read_json(report_json_path)
    except FileNotFoundError as e:
        raise InputError(f"no report at {report_json_path}") from e
    except (OSError, ValueError) as e:
        raise InputError(f"{report_json_path} is not a readable JSON report: {e}") from e
    if not isinstance(report, dict):
        raise InputError(f"{report_json_path} does not hold a report object")
    out = report_json_path.with_name(HTML_NAME)
    src = None
    if video is not None:
        rel = os.path.relpath(Path(video).resolve(), out.parent.resolve())
        src = Path(rel).as_posix()
    write_text_atomic(out, render_html(report, video_src=src))
    logger.info("wrote %s", out)
    return out


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python scripts/html_report.py REPORT_JSON [--video VIDEO]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path, help="path of report.json")
    parser.add_argument("--video", type=Path, default=None, help="the interview video, linked from the page")
    args = parser.parse_args(argv)
    try:
        out = write_html(args.report, video=args.video)
    except AnalysisError as e:
        print(f"error: {e}", file=sys.stderr)
        return e.exit_code
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
