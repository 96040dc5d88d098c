"""Real app servers for tests: gunicorn in a subprocess, and a TCP relay that can cut a
database off and bring it back, to watch the site fail and recover."""

import contextlib
import os
import selectors
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def gunicorn(env, workers=1):
    """Start `gunicorn config.wsgi` with `env` over the current environment; yield its URL.

    The server's stdout (the request log) is in `server.output()` once it has stopped.
    """
    port = free_port()
    full_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev", "DEBUG": "0"}
    full_env.update(env)
    full_env["GUNICORN_BIND"] = f"127.0.0.1:{port}"
    full_env["WEB_CONCURRENCY"] = str(workers)
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"],
        cwd=BASE_DIR,
        env=full_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    server = RunningServer(f"http://127.0.0.1:{port}", process)
    try:
        server.wait_until_listening()
        yield server
    finally:
        server.stop()


class RunningServer:
    def __init__(self, url, process):
        self.url = url
        self.process = process
        self._stdout = self._stderr = ""

    def wait_until_listening(self, timeout=30):
        host, port = self.url.removeprefix("http://").split(":")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.stop()
                raise RuntimeError(f"gunicorn exited: {self._stderr}")
            with contextlib.suppress(OSError), socket.create_connection((host, int(port)), 0.2):
                return
            time.sleep(0.1)
        raise RuntimeError("gunicorn did not start in time")

    def get(self, path, headers=None):
        """GET `path`; returns (status, headers, body text), whatever the status."""
        request = urllib.request.Request(self.url + path, headers=headers or {})
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=15) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._stdout, self._stderr = self.process.communicate(timeout=20)

    def output(self):
        return self._stdout


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class TcpRelay:
    """Relay a local port to a real server; `cut()` drops every connection and refuses
    new ones, `restore()` listens again on the same port."""

    def __init__(self, target_host, target_port):
        self.target = (target_host, target_port)
        self.port = free_port()
        self._listener = None
        self._connections = []
        self._lock = threading.Lock()

    def restore(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen()
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self):
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread
        self._listener.close()
        with self._lock:
            for connection in self._connections:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
                connection.close()
            self._connections.clear()

    def _accept(self, listener):
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            with self._lock:
                self._connections += [client, upstream]
            threading.Thread(target=self._pipe, args=(client, upstream), daemon=True).start()

    @staticmethod
    def _pipe(client, upstream):
        selector = selectors.DefaultSelector()
        selector.register(client, selectors.EVENT_READ, upstream)
        selector.register(upstream, selectors.EVENT_READ, client)
        with contextlib.suppress(OSError, ValueError):
            while True:
                for key, _events in selector.select():
                    data = key.fileobj.recv(65536)
                    if not data:
                        return
                    key.data.sendall(data)
