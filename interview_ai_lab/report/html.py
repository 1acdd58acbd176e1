"""The offline report: ``report.html``, a self-contained page next to ``report.json``.

The page is the committed single-file viewer ``interview_ai_lab/data/report_viewer.html`` (built
from ``frontend/`` with ``npm run build:viewer``: the same report components as the web
app) with the report JSON embedded. It needs no server, no Node and no network; it prints
to PDF from the browser. The reader can open the interview video from disk in the page to
seek it from the transcript and the timeline.

The page's language follows the report's (``report.language``, French or English; ``--lang``
overrides it): ``<html lang>``, the title, and a summary of the headline that needs no script
(``<noscript>``): the interview score out of 100, or "incomplete" with what could be measured
and why the rest could not, and each answer score, numbers in the language's format.

    python scripts/html_report.py outputs/sample1/report.json [--video data/sample.mp4] [--lang fr]
"""

from __future__ import annotations

import argparse
import html
import json
import logging
import os
import re
import sys
from pathlib import Path
from typing import Any

from interview_ai_lab.report.criteria import reason_words
from interview_ai_lab.runtime.atomic import read_json, write_text_atomic
from interview_ai_lab.runtime.catalogue import entry, fill, text
from interview_ai_lab.runtime.errors import AnalysisError, InputError, StageError
from interview_ai_lab.runtime.resources import data_path

logger = logging.getLogger(__name__)

VIEWER_PATH = data_path("report_viewer.html")
HTML_NAME = "report.html"
DATA_SLOT = '<script id="report-data" type="application/json">null</script>'
VIDEO_SLOT = '<script id="report-video" type="application/json">null</script>'
ROOT_SLOT = '<div id="root"></div>'
LANGS = ("fr", "en")

#: The page's own title after the report's (the app's name).
APP_NAME = "Interview AI Lab"


def page_language(report: dict[str, Any], lang: str | None = None) -> str:
    """``lang`` when given, else the report's language when French or English, else French."""
    for candidate in (lang, report.get("language"), (report.get("meta") or {}).get("language")):
        if isinstance(candidate, str) and candidate.lower()[:2] in LANGS:
            return candidate.lower()[:2]
    return "fr"


def format_number(x: float, lang: str, *, decimals: int = 1) -> str:
    """``x`` rounded to at most ``decimals`` places, with the language's decimal mark (``39,3`` in French)."""
    text = f"{round(float(x), decimals):.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{round(float(x)):d}"
    return text.replace(".", ",") if lang == "fr" else text


def format_share(x: float, lang: str) -> str:
    """A 0-1 share as a percentage: ``5 %`` (French, narrow no-break space) or ``5%``."""
    pct = format_number(100.0 * float(x), lang, decimals=0)
    return f"{pct}\u202f%" if lang == "fr" else f"{pct}%"


def _t(lang: str, key: str, **params: Any) -> str:
    """The headline text ``key`` of ``report_texts.json`` in ``lang`` (the report components say the same)."""
    return fill(text("report_texts", "headline", key, lang=lang), **params)


def _reason(lang: str, reason: dict[str, Any]) -> str:
    """``non verbal : visage visible…``: a part not measured and why, as the front end says it."""
    code = str(reason.get("code") or "not_measured")
    params = dict(reason.get("params") or {})
    if lang != "en":  # the English text formats its share itself ({ratio:.0%}); the others get it written out
        params = {k: format_share(v, lang) if k == "ratio" and isinstance(v, (int, float)) else v
                  for k, v in params.items()}
    why = reason_words(code, params, lang=lang)
    part = str(reason.get("part"))
    name = text("scoring", "parts", part, "name", lang=lang) if part in entry("scoring", "parts") else part
    return fill(text("scoring", "reason_of_part", lang=lang), part=name, reason=why)


def score_line(scores: dict[str, Any] | None, lang: str) -> str:
    """The headline of a score in words: ``72,5 / 100``, or "incomplete — what was measured; why not"."""
    scores = scores or {}
    total = scores.get("total")
    if total is not None:
        return f"{format_number(total, lang)} / 100"
    m = scores.get("measured") or {}
    out = _t(lang, "incomplete")
    if m:
        out += " — " + _t(lang, "measured", points=format_number(m.get("points") or 0, lang),
                          out_of=format_number(m.get("out_of") or 0, lang))
    reasons = ((scores.get("incomplete") or {}).get("reasons")) or [
        {"part": k, "code": "not_measured"} for k in ("verbal", "paraverbal", "nonverbal") if scores.get(k) is None]
    if reasons:
        out += " ; " if lang == "fr" else "; "
        out += " ; ".join(_reason(lang, r) for r in reasons) if lang == "fr" else "; ".join(_reason(lang, r) for r in reasons)
    return out


def summary_html(report: dict[str, Any], lang: str) -> str:
    """A ``<noscript>`` summary of the headline: the interview score (or incomplete), how it is made, answer scores."""
    scores = report.get("scores") or {}
    e = html.escape
    part = {k: (format_number(scores[k], lang) if scores.get(k) is not None else _t(lang, "not_measured"))
            for k in ("verbal", "paraverbal", "nonverbal")}
    lines = [f'<p class="summary-score"><strong>{e(_t(lang, "interview_score"))}</strong> : {e(score_line(scores, lang))}</p>'
             if lang == "fr" else
             f'<p class="summary-score"><strong>{e(_t(lang, "interview_score"))}</strong>: {e(score_line(scores, lang))}</p>',
             f"<p>{e(_t(lang, 'made_of', **part))}</p>"]
    items = []
    for i, q in enumerate(report.get("questions") or [], 1):
        sep = " : " if lang == "fr" else ": "
        items.append(f"<li>{e(_t(lang, 'question', n=q.get('index', i)))} — {e(_t(lang, 'answer_score'))}{sep}"
                     f"{e(score_line(q.get('scores'), lang))}</li>")
    if items:
        lines.append("<ul>" + "".join(items) + "</ul>")
    lines.append(f"<p>{e(_t(lang, 'needs_script'))}</p>")
    return f'<noscript><div id="report-summary" lang="{lang}">{"".join(lines)}</div></noscript>'


def embed_json(obj: Any) -> str:
    r"""Serialise ``obj`` for a ``<script type="application/json">`` element.

    ``<``, ``>`` and ``&`` are written as ``\u003c``… so no ``</script>`` or ``<!--`` in a
    transcript can end the element early; ``JSON.parse`` reads them back unchanged.
    """
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def render_html(report: dict[str, Any], *, video_src: str | None = None, viewer: Path = VIEWER_PATH,
                lang: str | None = None) -> str:
    """The page for ``report``: the viewer with the report (and the video's URL) embedded.

    ``lang`` (``fr``/``en``, default: the report's language) sets the page's language, its
    title and the script-free summary of the headline.

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
    page = page.replace(VIDEO_SLOT, f'<script id="report-video" type="application/json">{video}</script>')
    language = page_language(report, lang)
    page = re.sub(r'<html lang="[^"]*"', f'<html lang="{language}"', page, count=1)
    page = re.sub(r"<title>.*?</title>", f"<title>{html.escape(_t(language, 'report_title') + ' — ' + APP_NAME, quote=False)}</title>", page, count=1, flags=re.S)
    return page.replace(ROOT_SLOT, ROOT_SLOT + summary_html(report, language), 1)


def write_html(report_json_path: Path, *, video: Path | None = None, lang: str | None = None) -> Path:
    """Write ``report.html`` next to ``report_json_path`` (atomically) and return its path.

    Args:
        report_json_path: The ``report.json`` to show.
        video: The interview video, linked by a path relative to the page so it plays
            and seeks when the page is opened from the same disk (optional).
        lang: ``fr`` or ``en``; default: the report's language.

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
    write_text_atomic(out, render_html(report, video_src=src, lang=lang))
    logger.info("wrote %s", out)
    return out


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python scripts/html_report.py REPORT_JSON [--video VIDEO]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path, help="path of report.json")
    parser.add_argument("--video", type=Path, default=None, help="the interview video, linked from the page")
    parser.add_argument("--lang", choices=LANGS, default=None, help="language of the page (default: the report's)")
    args = parser.parse_args(argv)
    try:
        out = write_html(args.report, video=args.video, lang=args.lang)
    except AnalysisError as e:
        print(f"error: {e}", file=sys.stderr)
        return e.exit_code
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
