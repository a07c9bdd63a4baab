"""Real app servers and a real Redis in their own processes, for tests that need more than one process.

The servers use the test database itself (its demo site was committed when the run began), so
tests here do not hold a transaction: on SQLite an open test transaction would keep the write
lock and stall the servers. What the servers add is removed again by the `live_database` fixture.
"""

import http.client
import os
import random
import shutil
import socket
import subprocess
import sys
import time
import zlib
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.db import connection

from rugwijs.core.testing import free_port

BASE_DIR = Path(settings.BASE_DIR)
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36"


def wait_for_port(port: int, process: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server on port {port} exited:\n{log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port} after {seconds} s:\n{log.read_text()}")


def servers_database_url() -> str:
    """The test run's own database, as a DATABASE_URL another process can use."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


_addresses = iter(random.sample(range(256 * 250), 256 * 250))


def fresh_client_address(period: int = 60, margin: int = 30) -> str:
    """An unused loopback address whose rate-limit window has at least `margin` seconds to run.

    django-ratelimit counts in fixed windows whose edges it staggers by the client's address
    (django_ratelimit.core._get_window; its clock is real in the servers). A flood that crossed an
    edge would see its count start again; picking an address whose window has just begun makes
    that impossible, without waiting. Linux answers on all of 127.0.0.0/8.
    """
    for number in _addresses:
        address = f"127.{100 + number // 62_500}.{number // 250 % 250}.{number % 250 + 2}"
        now = int(time.time())
        end = now - now % period + zlib.crc32(address.encode()) % period
        if end < now:
            end += period
        if end - now >= margin:
            return address
    raise RuntimeError("no loopback addresses left")


class Response:
    def __init__(self, status: int, headers: dict, body: bytes):
        self.status, self.headers, self.body = status, headers, body


class AppServer:
    """`manage.py runserver` with the test settings, in its own process, on a free port; see start()."""

    def __init__(self, tmp: Path, **environment):
        self.port = free_port()
        self.log = tmp / f"server-{self.port}.log"
        env = {name: value for name, value in os.environ.items() if name != "REDIS_URL"}
        env.update(
            DJANGO_SETTINGS_MODULE="rugwijs.settings.test",
            DATABASE_URL=servers_database_url(),
            SALT_DIR=str(settings.SALT_DIR),
            ENV_FILE="/nonexistent",
            PYTHONUNBUFFERED="1",
            **environment,
        )
        if "REDIS_URL" in environment:
            # A Redis of the test's own: its database is used as given, not moved per test worker.
            env["RUGWIJS_TEST_REDIS_DB"] = "as-given"
        command = [sys.executable, "manage.py", "runserver", "--noreload", "--skip-checks", f"127.0.0.1:{self.port}"]
        with self.log.open("w") as log:
            self.process = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603

    @classmethod
    def start(cls, count: int, tmp: Path, **environment) -> list["AppServer"]:
        """`count` servers, started side by side (each takes seconds to import Django and Wagtail)."""
        servers = [cls(tmp, **environment) for _ in range(count)]
        try:
            for server in servers:
                wait_for_port(server.port, server.process, server.log)
        except RuntimeError:
            for server in servers:
                server.process.kill()
            raise
        return servers

    def request(self, method: str, path: str, data=None, source="127.0.0.1", agent=BROWSER, accept="application/json"):
        client = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20, source_address=(source, 0))
        headers = {"User-Agent": agent, "Sec-Fetch-Site": "same-origin", "Accept": accept}
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            client.request(method, path, body=body, headers=headers)
            reply = client.getresponse()
            return Response(reply.status, dict(reply.getheaders()), reply.read())
        finally:
            client.close()

    def get(self, path, **kwargs):
        return self.request("GET", path, accept="text/html", **kwargs)

    def post(self, path, data=None, **kwargs):
        return self.request("POST", path, data or {}, **kwargs)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


class RedisServer:
    """A throwaway redis-server: no persistence, its own folder and port, stopped and started at will."""

    def __init__(self, tmp: Path):
        binary = shutil.which("redis-server")
        if binary is None:
            message = "redis-server is not installed: the Redis fault tests need their own Redis."
            if os.environ.get("CI"):
                pytest.fail(message)
            pytest.skip(message)
        self.binary, self.dir, self.port = binary, tmp, free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None
        self.start()

    def start(self):
        command = [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        command += ["--dir", str(self.dir)]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
        wait_for_port(self.port, self.process, Path(os.devnull))

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)

    def client(self):
        import redis

        return redis.Redis.from_url(self.url)
