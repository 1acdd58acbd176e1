"""Pure non-verbal metric functions on arrays (no video, no model)."""

from __future__ import annotations

import numpy as np
import pytest

from interview_ai_lab.vision import nonverbal_metrics as nm

FPS = 10.0


def _nod(t: np.ndarray, at: float, depth: float, duration: float = 0.6) -> np.ndarray:
    """A raised-cosine pitch dip of ``depth`` degrees centred on ``at`` seconds."""
    x = (t - at) / (duration / 2)
    return np.where(np.abs(x) < 1, -depth * 0.5 * (1 + np.cos(np.pi * x)), 0.0)


def _trace(seconds: float = 30.0, *, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Pitch (degrees) at 10 fps: slow drift + sway + measurement noise, no nod."""
    rng = np.random.default_rng(seed)
    t = np.arange(0, seconds, 1 / FPS)
    drift = 8.0 * t / seconds  # 8° over the clip: the candidate slowly leans back
    sway = 3.0 * np.sin(2 * np.pi * 0.15 * t) + 1.5 * np.sin(2 * np.pi * 0.31 * t + 1.0)
    noise = rng.normal(0, 0.8, len(t))
    return t, 4.0 + drift + sway + noise


NOD_KW = dict(fps=FPS, min_amplitude_deg=6.0, max_duration_sec=0.8, min_gap_sec=0.4, baseline_win_sec=3.0)


def test_three_nods_over_drift_and_sway_are_three_nods():
    t, pitch = _trace()
    truth = [5.0, 14.2, 23.7]
    for at in truth:
        pitch = pitch + _nod(t, at, 14.0)
    events = nm.detect_nods(t, pitch, **NOD_KW)
    assert [e["t"] for e in events] == pytest.approx(truth, abs=0.15)
    assert all(10.0 <= e["amplitude_deg"] <= 18.0 for e in events)


def test_drift_sway_and_noise_alone_are_no_nod():
    t, pitch = _trace(seed=1)
    assert nm.detect_nods(t, pitch, **NOD_KW) == []


def test_slow_look_down_is_not_a_nod_but_a_quick_one_is():
    t, pitch = _trace(seed=2)
    slow = pitch + _nod(t, 10.0, 15.0, duration=2.5)  # reading notes: down for ~1.3 s at half depth
    assert nm.detect_nods(t, slow, **NOD_KW) == []
    quick = pitch + _nod(t, 10.0, 15.0, duration=0.5)
    assert len(nm.detect_nods(t, quick, **NOD_KW)) == 1


def test_small_dips_are_below_the_amplitude_threshold():
    t, pitch = _trace(seed=3)
    pitch = pitch + _nod(t, 8.0, 3.0) + _nod(t, 18.0, 12.0)
    events = nm.detect_nods(t, pitch, **NOD_KW)
    assert [e["t"] for e in events] == pytest.approx([18.0], abs=0.15)


def test_rapid_double_nod_counts_twice_and_up_toss_only_with_both():
    t = np.arange(0, 12, 1 / FPS)
    pitch = np.zeros_like(t) + _nod(t, 4.0, 12.0, 0.5) + _nod(t, 4.7, 12.0, 0.5)
    assert len(nm.detect_nods(t, pitch, **NOD_KW)) == 2
    toss = -_nod(t, 9.0, 12.0, 0.5)  # head goes up and back
    assert nm.detect_nods(t, toss, **NOD_KW) == []
    assert len(nm.detect_nods(t, toss, **NOD_KW, direction="both")) == 1


def test_nods_across_face_gaps():
    t = np.arange(0, 10, 1 / FPS)
    pitch = _nod(t, 3.0, 14.0)
    pitch[40:42] = np.nan  # 0.2 s without face: bridged
    pitch[60:100] = np.nan  # the candidate left
    assert [e["t"] for e in nm.detect_nods(t, pitch, **NOD_KW)] == pytest.approx([3.0], abs=0.15)
    assert nm.detect_nods(t, np.full_like(t, np.nan), **NOD_KW) == []
    assert nm.detect_nods(t[:0], pitch[:0], **NOD_KW) == []


def test_fill_gaps_and_running_median():
    x = np.array([0.0, np.nan, 2.0, np.nan, np.nan, np.nan, 6.0, np.nan])
    y = nm.fill_gaps(x, max_gap=2)
    assert y[1] == pytest.approx(1.0)
    assert np.isnan(y[3:6]).all() and np.isnan(y[7])
    med = nm.running_median(np.array([0, 0, 10, 0, 0, np.nan, np.nan, np.nan, 5.0]), win=3)
    assert med[2] == 0 and med[1] == 0
    assert np.isnan(med[6]) and med[8] == 5.0


def test_smoothing_keeps_rows_summing_to_one_and_removes_a_single_flicker():
    probs = np.tile([0.1, 0.8, 0.1], (9, 1))
    probs[4] = [0.9, 0.05, 0.05]  # one odd frame
    sm = nm.smooth_probs(probs, win=3)
    assert np.allclose(sm.sum(axis=1), 1.0)
    assert (sm.argmax(axis=1) == 1).all()
    assert np.array_equal(nm.smooth_probs(probs, win=1), probs)
    with pytest.raises(ValueError):
        nm.smooth_probs(probs[0], win=3)


def test_distribution_dominant_and_sum():
    labels = ("neutral", "happiness", "surprise")
    dist = nm.distribution(np.array([1, 1, 0, 1, 2, 1, 1]), labels=labels)
    assert set(dist) == set(labels)
    assert sum(dist.values()) == pytest.approx(1.0, abs=1e-9)
    assert dist["happiness"] == pytest.approx(5 / 7, abs=1e-3)
    assert nm.dominant(dist) == "happiness"
    thirds = nm.distribution(np.array([0, 1, 2]), labels=labels)
    assert sum(thirds.values()) == pytest.approx(1.0, abs=1e-9)
    assert nm.dominant({}) is None


def test_even_indices_downsample_evenly_not_cut_off():
    idx = nm.even_indices(10_000, max_points=1200)
    assert len(idx) <= 1200 and len(idx) >= 1190
    assert idx[0] == 0 and idx[-1] == 9_999
    gaps = np.diff(idx)
    assert gaps.min() >= 8 and gaps.max() <= 9
    assert np.array_equal(nm.even_indices(5, max_points=1200), np.arange(5))
    assert len(nm.even_indices(0, max_points=10)) == 0


def test_emotion_summary_caps_timeline_and_reports_dominant():
    n = 3000
    t = np.arange(n) / 2.0
    probs = np.tile([0.1, 0.7, 0.2], (n, 1))
    probs[: n // 4] = [0.8, 0.1, 0.1]
    s = nm.emotion_summary(t, probs, labels=("neutral", "happiness", "surprise"), smooth_win=3, max_timeline=100)
    assert s["dominant_emotion"] == "happiness"
    assert s["distribution"]["neutral"] == pytest.approx(0.25, abs=0.01)
    assert len(s["timeline"]) == 100
    assert s["timeline"][0]["t"] == 0.0 and s["timeline"][-1]["t"] == t[-1]
    assert s["timeline"][0]["e"] == "neutral" and s["timeline"][-1]["e"] == "happiness"
    assert nm.emotion_summary(t[:0], probs[:0], labels=("a", "b", "c"), smooth_win=3, max_timeline=10) is None


def test_eye_contact_thresholds_offsets_and_missing_face():
    yaw = np.array([0.0, 14.0, 16.0, -20.0, 2.0, np.nan])
    pitch = np.array([0.0, 0.0, 0.0, 0.0, -13.0, np.nan])
    m = nm.eye_contact_mask(yaw, pitch, yaw_max_deg=15, pitch_max_deg=12)
    assert m.tolist() == [True, True, False, False, False, False]
    assert nm.eye_contact_ratio(m) == pytest.approx(2 / 6)
    shifted = nm.eye_contact_mask(yaw, pitch, yaw_max_deg=15, pitch_max_deg=12, pitch_offset_deg=-5)
    assert shifted[4]
    assert nm.eye_contact_ratio(np.zeros(0, bool)) == 0.0


def _gaze_columns():
    """20 frames at 10 fps: facing the lens, then looking away (yaw 30°) 0.8-1.2 s, no face 1.5-1.7 s."""
    t = np.arange(20) / FPS
    yaw = np.where((t >= 0.8) & (t < 1.2), 30.0, 2.0)
    face = ~((t >= 1.5) & (t < 1.7))
    yaw[~face] = np.nan
    pitch = np.where(face, -1.0, np.nan)
    iris = np.where(face, 0.0, np.nan)
    return t, face, yaw, pitch, iris


def test_eye_contact_frames_no_face_is_no_contact_and_the_smoothing_removes_a_single_frame_flip():
    t, face, yaw, pitch, iris = _gaze_columns()
    opts = dict(yaw_max_deg=15.0, pitch_max_deg=12.0, iris_weight=0.3, iris_gain_deg=250.0)
    contact, ref = nm.eye_contact_frames(face=face, yaw=yaw, pitch=pitch, iris_dx=iris, iris_dy=iris, **opts)
    assert ref == (0.0, 0.0)
    assert np.flatnonzero(~contact).tolist() == [8, 9, 10, 11, 15, 16]
    flip = yaw.copy()
    flip[3] = 30.0  # one jittery frame
    raw, _ = nm.eye_contact_frames(face=face, yaw=flip, pitch=pitch, iris_dx=iris, iris_dy=iris, **opts)
    smooth, _ = nm.eye_contact_frames(face=face, yaw=flip, pitch=pitch, iris_dx=iris, iris_dy=iris,
                                      smooth_samples=3, **opts)
    assert not raw[3] and smooth[3]
    assert nm.contact_shares(face=face, contact=contact) == {"eye_contact_ratio": 0.7, "face_detected_ratio": 0.9}


def test_an_answer_window_over_the_whole_interview_gives_the_interview_shares():
    t, face, yaw, pitch, iris = _gaze_columns()
    contact, _ = nm.eye_contact_frames(face=face, yaw=yaw, pitch=pitch, iris_dx=iris, iris_dy=iris,
                                       yaw_max_deg=15.0, pitch_max_deg=12.0, iris_weight=0.3, iris_gain_deg=250.0)
    whole = nm.in_window(t, start_sec=0.0, end_sec=t[-1] + 1 / FPS)
    assert whole.all()
    assert nm.contact_shares(face=face[whole], contact=contact[whole]) == nm.contact_shares(face=face, contact=contact)
    first = nm.in_window(t, start_sec=0.0, end_sec=1.0)  # frames 0-9: 8 and 9 look away
    assert nm.contact_shares(face=face[first], contact=contact[first]) == {"eye_contact_ratio": 0.8,
                                                                          "face_detected_ratio": 1.0}
    assert nm.face_detected_ratio(np.zeros(0, bool)) == 0.0


def test_pose_reference_ignores_look_aways_and_is_clipped():
    rng = np.random.default_rng(0)
    yaw = np.concatenate([rng.normal(2, 1, 70), np.full(30, 38.0)])  # 30 % looking to the side
    pitch = np.concatenate([rng.normal(5, 1, 70), np.full(30, -2.0)])
    ry, rp = nm.pose_reference(yaw, pitch)
    assert ry == pytest.approx(2, abs=0.5) and rp == pytest.approx(5, abs=0.5)
    ry, rp = nm.pose_reference(np.full(10, 0.0), np.full(10, -14.0), max_offset_deg=10)
    assert rp == -10.0
    assert nm.pose_reference(np.full(5, 40.0), np.full(5, 0.0)) == (0.0, 0.0)


def test_gaze_angles_add_the_eye_rotation_relative_to_rest():
    yaw = np.array([0.0, 30.0, 0.0])
    pitch = np.zeros(3)
    dx = np.array([0.0, -0.1, np.nan])
    dy = np.zeros(3)
    gy, gp = nm.gaze_angles(yaw, pitch, dx, dy, iris_weight=1.0, iris_gain_deg=250.0, iris_reference=(0.0, 0.0))
    assert gy.tolist() == pytest.approx([0.0, 5.0, 0.0])
    gy0, _ = nm.gaze_angles(yaw, pitch, dx, dy, iris_weight=0.0, iris_gain_deg=250.0)
    assert gy0.tolist() == yaw.tolist()


def test_intervals_merge_and_minimum_duration():
    t = np.arange(20) / FPS
    m = np.zeros(20, bool)
    m[2:8] = True
    m[10:15] = True
    m[18] = True
    assert nm.intervals(m, t, frame_sec=0.1) == [(0.2, 0.8), (1.0, 1.5), (1.8, 1.9)]
    assert nm.intervals(m, t, frame_sec=0.1, max_gap_sec=0.25, min_duration_sec=0.5) == [(0.2, 1.5)]


def _blinks(t: np.ndarray, at: list[float], *, duration: float = 0.25, closed: float = 0.6) -> np.ndarray:
    """Eye-closure score: 0.04 open, raised-cosine blinks peaking at ``closed``, plus noise."""
    b = np.full(len(t), 0.04) + np.random.default_rng(3).normal(0, 0.01, len(t))
    for a in at:
        u = (t - a) / duration + 0.5
        b = np.maximum(b, np.where((u >= 0) & (u <= 1), closed * 0.5 * (1 - np.cos(2 * np.pi * u)), 0.0))
    return b


def test_blinks_are_counted_once_each_at_their_peak_and_gaps_are_skipped():
    t = np.arange(0, 30, 1 / 15)
    at = [2.0, 5.5, 9.1, 14.0, 14.9, 21.3, 27.0]
    b = _blinks(t, at)
    found = nm.detect_blinks(t, b)
    assert found == pytest.approx(at, abs=1 / 15)
    b[(t > 8) & (t < 10)] = np.nan  # no face around the third blink: not seen, nothing invented
    assert len(nm.detect_blinks(t, b)) == len(at) - 1
    held = _blinks(t, [4.0], duration=2.0)  # eyes closed for a second: eyes shut, neither many blinks nor one
    assert nm.detect_blinks(t, held) == []
    slow = _blinks(t, [4.0], duration=0.5)  # a slow blink: one
    assert len(nm.detect_blinks(t, slow)) == 1
    assert nm.detect_blinks(t, np.full(len(t), 0.7)) == []  # closed from the start: no blink seen opening


def test_blink_rate_needs_enough_frames_per_second_and_visible_time():
    t = np.arange(0, 60, 1 / 15)
    b = _blinks(t, list(np.arange(2, 60, 4.0)))  # 15 blinks in a minute
    rate = nm.blink_rate(t, b, fps=15)
    assert rate["blinks"] == 15 and rate["per_min"] == pytest.approx(15.0, abs=0.3)
    half = b.copy()
    half[t >= 30] = np.nan  # face seen for half the minute: the rate is per minute of visible face
    assert nm.blink_rate(t, half, fps=15)["per_min"] == pytest.approx(7 / 30 * 60, abs=0.3)  # 7 blinks in 30 s
    assert nm.blink_rate(t[::2], b[::2], fps=7.5) is None  # too few frames to see a blink
    assert nm.blink_rate(t[:90], b[:90], fps=15) is None  # 6 s of face only


def test_smile_share_and_scores_from_blendshapes():
    s = np.array([0.9, 0.8, 0.1, np.nan, 0.2, 0.6])
    assert nm.smile_share(s) == pytest.approx(3 / 5)
    assert nm.smile_share(np.array([np.nan])) is None
    shapes = {"eyeBlinkLeft": 0.5, "eyeBlinkRight": 0.7, "mouthSmileLeft": 0.9, "mouthSmileRight": 0.8}
    assert nm.blink_smile_scores(blendshapes=shapes) == (0.6, 0.85)
    assert nm.blink_smile_scores(blendshapes={}) == (None, None)


def test_a_long_closure_is_eyes_shut_not_a_blink():
    t = np.arange(0, 6, 1 / 15)
    b = np.full_like(t, 0.05)
    b[(t >= 1.0) & (t < 1.2)] = 0.6   # a 0.2-s blink
    b[(t >= 3.0) & (t < 4.9)] = 0.8   # eyes shut for 1.9 s (laughing)
    assert nm.detect_blinks(t, b) == [1.0]
    assert nm.detect_blinks(t, b, max_closure_sec=2.5) == [1.0, 3.0]
    b[t >= 5.5] = 0.9                  # shut at the end of the series, too short to tell: still counted
    assert nm.detect_blinks(t, b) == [1.0, 5.533]
