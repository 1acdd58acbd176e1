"""MediaPipe/TFLite log lines written to fd 2 are dropped; everything else passes, in order."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SNIPPET = r'''
import os, sys, time
from interview_ai_lab.runtime.native_stderr import filtered_native_stderr
with filtered_native_stderr():
    os.write(2, b"INFO: Created TensorFlow Lite XNNPACK delegate for CPU.\n")
    os.write(2, b"WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\n")
    os.write(2, b"W0000 00:00:1795650115.356310   31910 inference_feedback_manager.cc:114] Feedback manager\n")
    sys.stderr.write("our warning line\n")
    os.write(2, b"\rtranscribe  10%|#")
    time.sleep(0.3)
    os.write(2, b"\rtranscribe 100%|##########")
    os.write(2, b"\nE0000 00:00:1.0 1 x.cc:1] a native error stays\n")
print("error: after the block", file=sys.stderr)
'''


def test_native_noise_is_dropped_and_the_rest_kept_in_order():
    proc = subprocess.run([sys.executable, "-c", SNIPPET], capture_output=True, cwd=ROOT, timeout=60)
    err = proc.stderr.decode()
    assert proc.returncode == 0
    assert "XNNPACK" not in err and "absl::InitializeLog" not in err and "inference_feedback_manager" not in err
    expected = ["our warning line", "\rtranscribe  10%|#", "\rtranscribe 100%|##########",
                "E0000 00:00:1.0 1 x.cc:1] a native error stays", "error: after the block"]
    positions = [err.index(e) for e in expected]
    assert positions == sorted(positions)
