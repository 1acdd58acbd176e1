"""Pure scoring rules, tested on values."""

import math

import pytest

from scripts.core.scoring import Part, band_fraction, combine, descending_fraction, guiraud_index, parse_weights


def test_band_fraction_shape():
    kw = dict(zero_below=60, full_from=120, full_to=160, zero_above=220)
    assert band_fraction(60, **kw) == 0.0
    assert band_fraction(90, **kw) == pytest.approx(0.5)
    assert band_fraction(140, **kw) == 1.0
    assert band_fraction(190, **kw) == pytest.approx(0.5)
    assert band_fraction(250, **kw) == 0.0
    assert band_fraction(math.nan, **kw) == 0.0


def test_descending_fraction():
    assert descending_fraction(1.0, full_to=2, zero_from=10) == 1.0
    assert descending_fraction(6.0, full_to=2, zero_from=10) == pytest.approx(0.5)
    assert descending_fraction(12.0, full_to=2, zero_from=10) == 0.0


def test_combine_rescales_over_measured_parts():
    parts = [Part("a", 1, 10, 20, ""), Part("b", None, None, 10, "")]
    assert combine(parts, out_of=40) == pytest.approx(20.0)  # 10/20 of 40
    assert combine([Part("b", None, None, 10, "")], out_of=40) is None


def test_guiraud_index():
    assert guiraud_index(tokens=[]) == 0.0
    assert guiraud_index(tokens=["a", "b", "c", "d"]) == pytest.approx(2.0)
    assert guiraud_index(tokens=["a"] * 16) == pytest.approx(0.25)


def test_parse_weights():
    assert parse_weights("verbal=50,paraverbal=10,nonverbal=40") == {"verbal": 50, "paraverbal": 10, "nonverbal": 40}
    with pytest.raises(ValueError):
        parse_weights("verbal=40,paraverbal=20")
    with pytest.raises(ValueError):
        parse_weights("verbal=40,paraverbal=20,nonverbal=0")
    with pytest.raises(ValueError):
        parse_weights("verbal=40,paraverbal=20,face=40")
