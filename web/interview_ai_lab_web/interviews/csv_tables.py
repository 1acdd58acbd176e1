"""The CSV files the API offers (the adverse-impact table, the comparison): one writer, one cell format."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

#: A text cell starting with one of these is read as a formula by spreadsheets: it is written after a quote.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any, *, fixed_decimals: bool = False) -> Any:
    """One cell: None empty, booleans ``true``/``false``, floats with 4 decimals, a formula-like text after ``'``.

    Args:
        value: The value.
        fixed_decimals: Floats always with 4 decimals (``0.5000``) instead of at most 4 (``0.5``).
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.4f}" if fixed_decimals else str(round(value, 4))
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_table(*, header: str, columns: Sequence[str], rows: Iterable[Sequence[Any]],
              fixed_decimals: bool = False) -> str:
    """A ``# header`` comment line (on one line), the column names, then the rows through :func:`csv_cell`."""
    buf = io.StringIO()
    buf.write("# " + " ".join(header.split()) + "\n")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    for row in rows:
        w.writerow([csv_cell(v, fixed_decimals=fixed_decimals) for v in row])
    return buf.getvalue()
