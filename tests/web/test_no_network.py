"""An analysis run by the worker never reaches the network (downloads off: the worker's default).

As with the cable unplugged: a ``sitecustomize`` module on the pipeline's ``PYTHONPATH``
records every host name look-up and every IPv4/IPv6 ``connect`` of the pipeline
process (and of any Python process it starts) and refuses them. The pipeline, its
models and the worker are the real ones.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.web.conftest import upload

RECORDER = '''
import os
import socket
import sys

_LOG = os.environ["IAL_TEST_NETWORK_LOG"]
with open(_LOG + ".loaded", "a", encoding="utf-8") as _f:  # which processes carry the recorder
    _f.write(" ".join(sys.argv) + "\\n")


def _note(what):
    with open(_LOG, "a", encoding="utf-8") as f:
        f.write(f"{os.getpid()} {what}\\n")


def _getaddrinfo(host, *args, **kwargs):
    _note(f"getaddrinfo {host!r}")
    raise socket.gaierror(socket.EAI_NONAME, "network unplugged (test)")


_connect, _connect_ex = socket.socket.connect, socket.socket.connect_ex


def _refused(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6):
        _note(f"connect {address!r}")
        raise OSError(101, "network unplugged (test)")
    return None


def connect(self, address):
    _refused(self, address)
    return _connect(self, address)


def connect_ex(self, address):
    _refused(self, address)
    return _connect_ex(self, address)


socket.getaddrinfo = _getaddrinfo
socket.socket.connect, socket.socket.connect_ex = connect, connect_ex
'''


@pytest.fixture
def unplugged(tmp_path, monkeypatch):
    """PYTHONPATH with the recorder for every process started from here; yields the log file."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(RECORDER, encoding="utf-8")
    log = tmp_path / "network.log"
    log.write_text("")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(site), *filter(None, [os.environ.get("PYTHONPATH")])]))
    monkeypatch.setenv("IAL_TEST_NETWORK_LOG", str(log))
    return log


def test_the_recorder_sees_a_download_when_downloads_are_allowed(unplugged, tmp_path, settings):
    """The control: allowed, a missing model is fetched — and the recorder catches the try."""
    env = dict(os.environ, IAL_ALLOW_DOWNLOADS="1", IAL_MODELS_DIR=str(tmp_path / "no-models"))
    env.pop("HF_HUB_OFFLINE", None)
    env.pop("IAL_OFFLINE", None)
    code = ("from interview_ai_lab.runtime.model_resolver import resolve_emotion, network_meta; m = resolve_emotion(); "
            "print(m.fallback, network_meta()['attempted'])")
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=str(settings.REPO_ROOT), capture_output=True,
                         text=True, check=True).stdout.split()
    assert out == ["True", "True"]  # tried, failed, the labelled fallback
    assert "getaddrinfo 'github.com'" in unplugged.read_text()


@pytest.mark.slow
def test_a_worker_analysis_makes_no_connection(api, interview_clip, unplugged, settings):
    from interview_ai_lab_web.interviews.models import Interview
    from interview_ai_lab_web.interviews.tasks import run_analysis

    settings.IAL_ALLOW_DOWNLOADS = False  # the worker's default
    iid = upload(api, interview_clip, questions='[{"text": "Tell me about yourself."}]').json()["id"]
    assert api.post(f"/api/interviews/{iid}/analyze/").status_code == 202
    job = str(Interview.objects.get(pk=iid).job_id)
    assert run_analysis.apply(args=[iid, job]).get()["status"] == "DONE", Interview.objects.get(pk=iid).error
    assert "--progress-json" in Path(f"{unplugged}.loaded").read_text()  # the pipeline process was watched
    assert unplugged.read_text() == ""  # not one look-up, not one connection
    report = api.get(f"/api/interviews/{iid}/report/").json()
    assert report["meta"]["network"] == {"downloads_allowed": False, "attempted": False, "models": []}
    assert report["transcript"]  # the models it needed were all on this machine
    assert Path(settings.MEDIA_ROOT, "analyses", iid, "report.json").is_file()
