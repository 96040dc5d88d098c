"""Varnish with Carnet's VCL (deploy/varnish/carnet.vcl) as a process of the caller, for
the tests and the benches: no system service, no root daemon, a work folder of its own.

The site's part of the VCL (backends.vcl: app servers, director, purge ACL) is written
into the work folder, which comes first in varnishd's vcl_path, so carnet.vcl includes it
instead of the production example next to it.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

DEPLOY_DIR = Path(__file__).resolve().parent.parent / "deploy" / "varnish"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"


def varnishd_available():
    return Path(VARNISHD).is_file()


def ensure_debian_package(command, package):
    """Install Debian's `package` when `command` is missing: as root, or say how and stop."""
    if shutil.which(command):
        return
    if os.geteuid() != 0:
        sys.exit(f"Install Debian's {package} (apt-get install -y {package}).")
    print(f"Installing Debian's {package}", flush=True)
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", package],
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        stdout=subprocess.DEVNULL,
    )


def wait_for(url, what, timeout=60):
    """Wait until `url` answers 200; `what` names the server in the error if it never does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2) as response:
            if response.status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not answer at {url}")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def backends_vcl(servers, purgers=("127.0.0.1",)):
    """The site's part of the VCL for app servers given as (host, port) pairs."""
    lines = []
    for number, (host, port) in enumerate(servers):
        for name, probe in (
            (f"app_{number}", ["    .probe = healthz;"]),
            (f"app_{number}_unchecked", []),
        ):
            lines += [
                f"backend {name} {{",
                f'    .host = "{host}";',
                f'    .port = "{port}";',
                *probe,
                "    .connect_timeout = 1s;",
                "    .first_byte_timeout = 30s;",
                "}",
                "",
            ]
    lines.append("sub vcl_init {")
    for director, suffix in (("app_servers", ""), ("app_servers_unchecked", "_unchecked")):
        lines.append(f"    new {director} = directors.round_robin();")
        lines += [
            f"    {director}.add_backend(app_{number}{suffix});" for number in range(len(servers))
        ]
    lines += ["}", "", "acl purgers {", *(f'    "{address}";' for address in purgers), "}"]
    return "\n".join(lines) + "\n"


class Varnish:
    """varnishd in the foreground on a free loopback port, in front of `servers`."""

    def __init__(self, workdir, servers, purgers=("127.0.0.1",), memory="64m", port=None):
        self.workdir = Path(workdir)
        self.servers, self.purgers, self.memory = servers, purgers, memory
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self, timeout=30):
        self.workdir.mkdir(parents=True, exist_ok=True)
        (self.workdir / "backends.vcl").write_text(backends_vcl(self.servers, self.purgers))
        log = open(self.workdir / "varnishd.log", "a")  # noqa: SIM115 (kept while it runs)
        self.process = subprocess.Popen(
            [
                VARNISHD,
                "-F",
                "-j",
                "none",
                "-n",
                str(self.workdir / "instance"),
                "-a",
                f"127.0.0.1:{self.port}",
                "-T",
                "127.0.0.1:0",
                "-f",
                str(DEPLOY_DIR / "carnet.vcl"),
                "-p",
                f"vcl_path={self.workdir}:{DEPLOY_DIR}",
                "-s",
                f"malloc,{self.memory}",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"varnishd stopped: see {self.workdir / 'varnishd.log'}")
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=1),
            ):
                return self
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"varnishd did not listen on {self.port}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()
