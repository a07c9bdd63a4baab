"""The production stack on one machine: `make stack` starts it, `make stack-stop` stops it.

    nginx (caching proxy, PORT)  ->  two gunicorn app servers (unix sockets)  ->  PostgreSQL, Redis
                                     a worker for background commands

Everything this script starts runs in the background under var/stack/ (pid files, logs, the
generated nginx.conf, the proxy cache, static and media files). The shared PostgreSQL and Redis are
started when they are not running, but never stopped. Standard library only, so it runs before and
without Django; `python deploy/stack.py worker` is the worker process itself.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TEMPLATE = REPO / "deploy" / "nginx" / "rugwijs.conf.template"
ERROR_PAGES = REPO / "deploy" / "nginx" / "errors"
STATE_DIR = Path(os.environ.get("STACK_DIR", REPO / "var" / "stack"))
PYTHON = Path(sys.executable)

PORT = int(os.environ.get("PORT", "8080"))
# nginx reaches the app servers through unix sockets, not loopback TCP: every proxied request is a new
# connection (gunicorn's sync workers close each one), and at a few thousand requests a second the
# closed connections' TIME_WAIT entries used up loopback's ports and slowed every new connection.
APP_SOCKETS = (STATE_DIR / "app1.sock", STATE_DIR / "app2.sock")
DATABASE_URL = os.environ.get("STACK_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/rugwijs_stack")
REDIS_URL = os.environ.get("STACK_REDIS_URL", "redis://127.0.0.1:6379/10")
WORKERS_PER_APP_SERVER = os.environ.get("WEB_CONCURRENCY", "2")

# Background work for the worker process. A long-running command (a task queue's own worker) is run
# as the worker process; otherwise the periodic ones run every WORKER_INTERVAL seconds in one
# process. Only commands the project has are used, so a name may be listed before its command lands.
WORKER_SERVICE_COMMANDS = ["run_worker"]
WORKER_PERIODIC_COMMANDS = ["flush_view_buffer"]
WORKER_INTERVAL = 5

DEBIAN_PACKAGES = {
    "nginx": Path("/usr/sbin/nginx"),
    "libnginx-mod-http-cache-purge": Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so"),
    "libnginx-mod-http-brotli-static": Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"),
}


def render_nginx_conf(
    *,
    state_dir: Path,
    listen: str,
    app_servers: list[str],
    static_root: Path,
    media_root: Path,
) -> str:
    """The nginx configuration from the template in deploy/nginx/, for these paths and ports."""
    modules = [DEBIAN_PACKAGES["libnginx-mod-http-cache-purge"]]
    brotli = DEBIAN_PACKAGES["libnginx-mod-http-brotli-static"]
    if brotli.exists():
        modules.append(brotli)
    # As root nginx would run its workers as `nobody`; they only need to read the files it serves.
    user = "user nobody nogroup;" if os.geteuid() == 0 else ""
    values = {
        "USER_DIRECTIVE": user,
        "STATE_DIR": str(state_dir),
        "LOG_DIR": str(state_dir / "logs"),
        "LOAD_MODULES": "\n".join(f"load_module {module};" for module in modules),
        "UPSTREAM_SERVERS": "\n".join(
            f"        server {address} max_fails=1 fail_timeout=5s;" for address in app_servers
        ),
        "LISTEN": listen,
        "ERROR_PAGES": str(ERROR_PAGES),
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(media_root),
        "BROTLI_STATIC": "brotli_static on;" if brotli.exists() else "",
    }
    text = TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    if re.search(r"@[A-Z_]+@", text):
        raise SystemExit("deploy/nginx/rugwijs.conf.template has a placeholder stack.py does not fill in")
    for folder in ("logs", "cache", "tmp"):
        (state_dir / folder).mkdir(parents=True, exist_ok=True)
    return text


def start_nginx(conf_path: Path, state_dir: Path) -> None:
    """Check the configuration, then start nginx as a daemon; it writes its pid under state_dir."""
    base = ["nginx", "-p", str(state_dir), "-e", str(state_dir / "logs" / "nginx-error.log"), "-c", str(conf_path)]
    for command in ([*base, "-t", "-q"], base):
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode:
            raise SystemExit(f"nginx refused {conf_path}:\n{result.stderr}")


def stop_pid_file(pid_file: Path, timeout: float = 25, expect: tuple[str, ...] = ()) -> bool:
    """Stop the process a pid file names (SIGTERM, then SIGKILL), if it still runs.

    With `expect`, only when its command line holds one of those words: after a reboot the number
    may belong to another program.
    """
    pid = _read_pid(pid_file)
    pid_file.unlink(missing_ok=True)
    if pid is None:
        return False
    if expect:
        try:
            command_line = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        except OSError:
            return False
        if not any(word in command_line for word in expect):
            return False
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return False
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.1)
    os.kill(pid, signal.SIGKILL)
    return True


def wait_for_app_socket(path: Path, process: subprocess.Popen, timeout: float = 30) -> None:
    """Until the app server answers an HTTP request on its unix socket (any status will do)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
                connection.settimeout(5)
                connection.connect(str(path))
                connection.sendall(b"GET /robots.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                if connection.recv(16).startswith(b"HTTP/1."):
                    return
        except OSError:
            pass
        if process.poll() is not None:
            raise SystemExit(f"the app server on {path} stopped while starting")
        time.sleep(0.2)
    raise SystemExit(f"nothing answered on {path} within {timeout:.0f} s")


def wait_for_http(url: str, timeout: float = 30, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - our own local server
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            if process is not None and process.poll() is not None:
                raise SystemExit(f"the server for {url} stopped while starting") from None
            time.sleep(0.2)
    raise SystemExit(f"nothing answered at {url} within {timeout:.0f} s")


def _read_pid(pid_file: Path) -> int | None:
    try:
        return int(pid_file.read_text().strip())
    except (OSError, ValueError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A stopped child of ours lingers as a zombie until reaped; it no longer runs.
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def _run(command: list, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, check=True, **kwargs)


def _as_root(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return command
    if shutil.which("sudo"):
        return ["sudo", *command]
    raise SystemExit(f"Run as root: {' '.join(command)}")


def ensure_debian_packages() -> None:
    missing = [package for package, path in DEBIAN_PACKAGES.items() if not path.exists()]
    if not missing:
        return
    print(f"Installing Debian packages: {' '.join(missing)}")
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    _run(_as_root(["apt-get", "update", "-qq"]), env=environment)
    _run(_as_root(["apt-get", "install", "-y", "-qq", *missing]), env=environment, stdout=subprocess.DEVNULL)


def ensure_services() -> None:
    """The machine's PostgreSQL and Redis, started the way this machine expects when not running."""
    if _port_free(5432):
        print("Starting PostgreSQL")
        version = sorted(os.listdir("/etc/postgresql"))[-1]
        _run(_as_root(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"]))
    if _port_free(6379):
        print("Starting Redis")
        _run(["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "--port", "6379", "--save", ""])
    for _ in range(50):
        if subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"]).returncode == 0:
            break
        time.sleep(0.2)
    else:
        raise SystemExit("PostgreSQL does not answer on 127.0.0.1:5432")


def ensure_database() -> None:
    """Create the stack's database on the running server when it is absent."""
    import psycopg  # the app's own PostgreSQL driver, installed in the venv

    name = DATABASE_URL.rsplit("/", 1)[1]
    server_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server_url, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            print(f"Creating database {name}")
            connection.execute(psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(name)))


def app_environment() -> dict[str, str]:
    """The app's production settings for this stack; the Makefile passes LOCAL_PRODUCTION's too."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "rugwijs.settings.production"),
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "STATIC_ROOT": str(STATE_DIR / "static"),
        "MEDIA_ROOT": str(STATE_DIR / "media"),
        # nginx is the one proxy in front: it appends the reader's address to X-Forwarded-For.
        "TRUSTED_PROXY_COUNT": "1",
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{PORT}",
        # Publishing purges the changed pages from nginx's cache (and from the app's own page cache).
        "FRONTEND_CACHE_URL": f"http://127.0.0.1:{PORT}",
        "WEB_CONCURRENCY": WORKERS_PER_APP_SERVER,
    }
    environment.pop("PORT", None)
    return environment


def manage(*arguments: str, **environment: str) -> None:
    _run([PYTHON, "manage.py", *arguments], cwd=REPO, env={**app_environment(), **environment})


def spawn(name: str, command: list, environment: dict[str, str]) -> subprocess.Popen:
    """Start a process in its own session (it outlives `make`), logging to logs/<name>.log."""
    log = open(STATE_DIR / "logs" / f"{name}.log", "ab")  # the child process keeps it open
    process = subprocess.Popen(
        command,
        cwd=REPO,
        env=environment,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    (STATE_DIR / f"{name}.pid").write_text(f"{process.pid}\n")
    return process


def available_commands() -> set[str]:
    result = subprocess.run(
        [PYTHON, "manage.py", "help", "--commands"], cwd=REPO, env=app_environment(), capture_output=True, text=True
    )
    return set(result.stdout.split())


def start() -> None:
    stop(quiet=True)
    ensure_debian_packages()
    ensure_services()
    ensure_database()
    for folder in ("logs", "static", "media"):
        (STATE_DIR / folder).mkdir(parents=True, exist_ok=True)
    if not _port_free(PORT):
        raise SystemExit(f"Port {PORT} is taken; choose another with PORT=... make stack")

    # nginx is not running during set-up, so there is no proxy to purge (each purge would fail with a
    # warning); its cache starts empty instead, since pages may have changed while it was stopped.
    shutil.rmtree(STATE_DIR / "cache", ignore_errors=True)
    no_proxy = {"FRONTEND_CACHE_URL": ""}
    manage("migrate", "--no-input", "-v", "0", **no_proxy)
    manage("createcachetable", **no_proxy)
    manage("collectstatic", "--no-input", "-v", "0", **no_proxy)
    manage("load_demo_content", **no_proxy)
    manage("ensure_admin", **no_proxy)

    environment = app_environment()
    servers = []
    for number, path in enumerate(APP_SOCKETS, start=1):
        path.unlink(missing_ok=True)
        # Each its own control socket: gunicorn's default path is one per user, so two would share it.
        control = STATE_DIR / f"app{number}.ctl"
        command = [PYTHON.parent / "gunicorn", "--config", "deploy/gunicorn.conf.py", "--control-socket", control]
        servers.append(spawn(f"app{number}", command, {**environment, "GUNICORN_BIND": f"unix:{path}"}))
    for process, path in zip(servers, APP_SOCKETS, strict=True):
        wait_for_app_socket(path, process)

    commands = available_commands()
    wanted = [name for name in WORKER_SERVICE_COMMANDS + WORKER_PERIODIC_COMMANDS if name in commands]
    if wanted:
        spawn("worker", [PYTHON, Path(__file__).resolve(), "worker"], environment)
        print(f"Worker: {', '.join(wanted)}")
    else:
        looked_for = ", ".join(WORKER_SERVICE_COMMANDS + WORKER_PERIODIC_COMMANDS)
        print(f"Worker: not started, the project has none of its commands yet ({looked_for}).")

    conf = STATE_DIR / "nginx.conf"
    conf.write_text(
        render_nginx_conf(
            state_dir=STATE_DIR,
            listen=f"127.0.0.1:{PORT}",
            app_servers=[f"unix:{path}" for path in APP_SOCKETS],
            static_root=STATE_DIR / "static",
            media_root=STATE_DIR / "media",
        )
    )
    start_nginx(conf, STATE_DIR)
    wait_for_http(f"http://127.0.0.1:{PORT}/robots.txt")
    print(
        f"\nRugwijs serves http://127.0.0.1:{PORT}/ through nginx's cache "
        f"(app servers on {APP_SOCKETS[0].name} and {APP_SOCKETS[1].name}; admin: http://127.0.0.1:{PORT}/admin/).\n"
        f"Logs: {STATE_DIR / 'logs'}/. Stop it with: make stack-stop"
    )


def stop(quiet: bool = False) -> None:
    """Stop what this script started: proxy, app servers, worker. Never PostgreSQL or Redis."""
    processes = {"nginx": ("nginx",), "app1": ("gunicorn",), "app2": ("gunicorn",), "worker": ("manage.py", "stack.py")}
    stopped = [name for name, expect in processes.items() if stop_pid_file(STATE_DIR / f"{name}.pid", expect=expect)]
    if not quiet:
        print(f"Stopped: {', '.join(stopped)}." if stopped else "Nothing of the stack was running.")


def worker() -> None:
    """The worker process: a task queue's own command if the project has one, else periodic commands."""
    import django

    sys.path.insert(0, str(REPO))
    django.setup()
    from django.core.management import call_command, get_commands
    from django.db import close_old_connections

    commands = get_commands()
    for name in WORKER_SERVICE_COMMANDS:
        if name in commands:
            os.execv(PYTHON, [PYTHON, str(REPO / "manage.py"), name])  # noqa: S606 - our own command
    periodic = [name for name in WORKER_PERIODIC_COMMANDS if name in commands]
    print(f"Worker: every {WORKER_INTERVAL} s: {', '.join(periodic) or 'nothing yet'}", flush=True)
    running = True

    def finish(*_):
        nonlocal running
        running = False

    signal.signal(signal.SIGTERM, finish)
    while running:
        for name in periodic:
            close_old_connections()
            try:
                call_command(name)
            except Exception as error:  # a database outage must not end the worker
                print(f"{name} failed: {error!r}", flush=True)
        close_old_connections()
        for _ in range(WORKER_INTERVAL * 10):
            if not running:
                break
            time.sleep(0.1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["start", "stop", "worker"])
    action = parser.parse_args().action
    {"start": start, "stop": stop, "worker": worker}[action]()


if __name__ == "__main__":
    main()
