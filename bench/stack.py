"""The two-node scale-out as processes of a script: its environment, Redis, the app
servers, the task worker, and the steps that need Django, for bench/scale_out.py and
bench/fault_drill.py.

Steps that need Django run in a subprocess with the stack's environment
(`python bench/stack.py <step> [argument]`, one JSON line on stdout): see `django_step`.
"""

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.varnish import wait_for  # noqa: E402

PYTHON = sys.executable
SECRET_KEY = "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ"


def say(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def stack_env(database_url, redis_port, proxy_port, run_dir, **extra):
    """Production settings for the app servers and the worker of a stack on loopback."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": SECRET_KEY,
        "DATABASE_URL": database_url,
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Plain HTTP on loopback: no HTTPS redirect, no secure-only cookies.
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        # Varnish adds the reader's address to X-Forwarded-For.
        "TRUSTED_PROXY_COUNT": "1",
        # Where the task worker (and the app servers) send their purges.
        "CACHE_PROXY_URLS": f"http://127.0.0.1:{proxy_port}",
        "MEDIA_ROOT": str(Path(run_dir) / "media"),
        "WEB_CONCURRENCY": "2",
        "GUNICORN_LOG_LEVEL": "warning",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        **extra,
    }


class Process:
    """A long-running process of the script, its output in <run_dir>/<name>.log."""

    def __init__(self, name, command, env, run_dir):
        self.name, self.command, self.env = name, command, env
        self.run_dir = Path(run_dir)
        self.process = None

    def start(self):
        log = open(self.run_dir / f"{self.name}.log", "a")  # noqa: SIM115 (kept while it runs)
        self.process = subprocess.Popen(
            self.command,
            cwd=BASE_DIR,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def stop(self, sig=signal.SIGTERM):
        if self.process and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, sig)
            self.process.wait(timeout=30)


class Redis(Process):
    """A Redis of its own: a memory limit, an eviction policy, no disk."""

    def __init__(self, port, env, run_dir, memory="64mb", policy="allkeys-lru"):
        super().__init__(
            "redis",
            [
                "redis-server",
                *("--bind", "127.0.0.1", "--port", str(port)),
                *("--save", "", "--appendonly", "no"),
                *("--maxmemory", memory, "--maxmemory-policy", policy),
            ],
            env,
            run_dir,
        )
        self.port = port

    def start(self):
        super().start()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=1),
            ):
                return self
            time.sleep(0.1)
        raise RuntimeError("redis-server did not start")


class AppServer(Process):
    """A gunicorn app server (config/gunicorn.py) on a loopback port."""

    def __init__(self, name, port, env, run_dir):
        super().__init__(
            f"app-{name}",
            [PYTHON, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"],
            {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
            run_dir,
        )
        self.label = name
        self.url = f"http://127.0.0.1:{port}"

    def start(self):
        super().start()
        wait_for(f"{self.url}/healthz", f"app server {self.label}")
        return self


def task_worker(env, run_dir):
    return Process(
        "worker",
        [
            *(PYTHON, "manage.py", "db_worker"),
            *("--interval", "0.1", "--no-startup-delay", "--no-reload"),
        ],
        env,
        run_dir,
    )


def fetch(url, headers=None):
    """(status, headers, text) of a GET."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def run(env, *command, **kwargs):
    subprocess.run(command, cwd=BASE_DIR, env=env, check=True, **kwargs)


def django_step(env, name, *arguments, script=__file__):
    """Run the step `name` of `script` in a subprocess with `env`; its JSON answer."""
    output = subprocess.run(
        [PYTHON, script, name, *arguments],
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def run_step(steps):
    """In the step's subprocess: set Django up, run the step named on the command line."""
    import django

    django.setup()
    print(json.dumps(steps[sys.argv[1]](*sys.argv[2:])), flush=True)


def step_generate(count):
    """Add `count` generated articles to each language's index, filed under its first topic."""
    from articles.models import ArticleIndexPage, TopicIndexPage
    from bench.bulk_articles import generate_articles

    def text(language):
        return lambda number: (
            f"Article {number} ({language})",
            f"Ce que dit l’article {number}.",
            [f"<p>Article {number} : un paragraphe.</p>"],
        )

    for index in ArticleIndexPage.objects.select_related("locale"):
        topic = TopicIndexPage.objects.filter(locale_id=index.locale_id).order_by("path").first()
        generate_articles(index, topic, int(count), text(index.locale.language_code))
    return {"generated": int(count)}


def french_pages():
    from articles.listings import ARTICLES_PER_PAGE
    from articles.models import ArticleIndexPage, ArticlePage, TopicIndexPage
    from bench.bulk_articles import SLUG_PREFIX

    index = ArticleIndexPage.objects.get(locale__language_code="fr")
    topic = TopicIndexPage.objects.filter(locale_id=index.locale_id).order_by("path").first()
    articles = ArticlePage.objects.child_of(index).live()
    return index, topic, articles.filter(slug__startswith=SLUG_PREFIX), ARTICLES_PER_PAGE


def step_pages():
    """The URLs of the French pages a new article of the first topic appears on."""
    import math

    index, topic, _generated, per_page = french_pages()
    last_page = math.ceil(index.get_articles().count() / per_page)
    return {
        "index": index.url,
        "last_page": f"{index.url}?page={last_page}",
        "topic": topic.url,
        "home": index.get_parent().url,
    }


def step_publish(slug):
    """Publish a new French article (a copy of a generated one, so filed under the same
    topic), dated today; print the moment its publication committed."""
    from django.utils import timezone

    index, _topic, generated, _per_page = french_pages()
    title = f"Scale-out check {slug}"
    article = generated.first().copy(
        to=index,
        update_attrs={
            "title": title,
            "draft_title": title,
            "slug": slug,
            "date_published": timezone.localdate(),
        },
        keep_live=False,
    )
    article.save_revision().publish()  # its own transaction: committed when it returns
    return {"committed_at": time.time(), "url": article.url, "title": title}


STEPS = {"generate": step_generate, "pages": step_pages, "publish": step_publish}


def prepare_database(env, generated_articles, on_migrated=None):
    """Migrations, the demo content, `generated_articles` more per language, static files,
    in the (empty) database of `env`; `on_migrated()` is called once the tables exist."""
    run(env, PYTHON, "manage.py", "compile_catalogues", stdout=subprocess.DEVNULL)
    run(env, PYTHON, "manage.py", "migrate", "--noinput", stdout=subprocess.DEVNULL)
    if on_migrated:
        on_migrated()
    run(env, PYTHON, "manage.py", "load_demo", stdout=subprocess.DEVNULL)
    django_step(env, "generate", str(generated_articles))
    run(env, PYTHON, "manage.py", "collectstatic", "--noinput", "-v0")


if __name__ == "__main__":
    run_step(STEPS)
