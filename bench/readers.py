"""Many distinct readers, each sending one view beacon on a connection of its own (row 4).

Why not wrk: the proxy tells the app servers the address a connection comes from, never one the client
claims, and one address adds at most a few views a day. Counting every beacon therefore needs a new
source address per beacon, which wrk cannot do. All of 127.0.0.0/8 is loopback on Linux, so each
reader binds its own loopback address.

The load must not eat the CPU it measures: a raw socket, a request made once, `Connection: close`,
and only the status line read. Several processes, so the GIL does not cap the rate.
"""

import datetime
import json
import multiprocessing
import socket
import threading
import time
from pathlib import Path

STATE_DIR = Path(__file__).resolve().parent.parent / "var" / "bench"
PROCESSES = 2
THREADS_PER_PROCESS = 8
BROWSER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36"


def reserve_readers(count: int) -> int:
    """The first of `count` reader numbers that no run has used today.

    A reader is remembered for the day, so a beacon from a reader an earlier run already sent would be
    answered but not counted, and the stored count would fall short of the beacons answered 200. Each
    run therefore takes the next numbers from a file per day (var/bench/readers-<day>.json).
    """
    STATE_DIR.mkdir(parents=True, exist_ok=True)
    for old in STATE_DIR.glob("readers-*.json"):
        if old.stem != f"readers-{datetime.date.today().isoformat()}":
            old.unlink()
    state = STATE_DIR / f"readers-{datetime.date.today().isoformat()}.json"
    start = json.loads(state.read_text())["next"] if state.exists() else 0
    state.write_text(json.dumps({"next": start + count}))
    return start


def loopback_address(number: int) -> str:
    """Reader `number`'s own address in 127.0.0.0/8 (about 15 million of them)."""
    return f"127.{number // 62_500 % 250 + 1}.{number // 250 % 250}.{number % 250 + 1}"


def _request(host: str, port: int, path: str) -> bytes:
    return (
        f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUser-Agent: {BROWSER_AGENT}\r\n"
        "Sec-Fetch-Site: same-origin\r\nAccept: application/json\r\nContent-Length: 0\r\n"
        "Connection: close\r\n\r\n"
    ).encode()


def _send(host: str, port: int, request: bytes, source: str) -> str:
    """One beacon; its status code, or "error"."""
    try:
        with socket.create_connection((host, port), timeout=10, source_address=(source, 0)) as connection:
            connection.sendall(request)
            answer = b""
            while chunk := connection.recv(65536):
                answer += chunk
    except OSError:
        return "error"
    return answer[9:12].decode(errors="replace") if answer.startswith(b"HTTP/1.") else "error"


def _process(host: str, port: int, path: str, first: int, seconds: float, results) -> None:
    """THREADS_PER_PROCESS readers' loops; thread t of this process uses numbers first + t, + stride, ..."""
    request = _request(host, port, path)
    tallies = [{} for _ in range(THREADS_PER_PROCESS)]
    started = time.time()
    stop_at = time.monotonic() + seconds
    stride = PROCESSES * THREADS_PER_PROCESS

    def reader(thread: int) -> None:
        tally, number = tallies[thread], first + thread
        while time.monotonic() < stop_at:
            status = _send(host, port, request, loopback_address(number))
            tally[status] = tally.get(status, 0) + 1
            number += stride

    threads = [threading.Thread(target=reader, args=(number,)) for number in range(THREADS_PER_PROCESS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    total: dict[str, int] = {}
    for tally in tallies:
        for status, count in tally.items():
            total[status] = total.get(status, 0) + count
    results.put((started, time.time(), total))


def send_beacons(host: str, port: int, path: str, seconds: float) -> dict:
    """Beacons from distinct readers for `seconds`: per second, sent, and how many were answered 200.

    Every beacon comes from a reader no run has used today (`reserve_readers`).
    """
    # Far more than a 2-core machine sends in `seconds`; numbers left over are simply not used.
    first = reserve_readers(int(seconds * 20_000))
    results = multiprocessing.get_context("fork").Queue()
    processes = [
        multiprocessing.get_context("fork").Process(
            target=_process, args=(host, port, path, first + n * THREADS_PER_PROCESS, seconds, results)
        )
        for n in range(PROCESSES)
    ]
    for process in processes:
        process.start()
    reports = [results.get(timeout=seconds + 60) for _ in processes]
    for process in processes:
        process.join()
    # From the first beacon sent to the last answer read, not counting the processes' start.
    elapsed = max(end for _, end, _ in reports) - min(start for start, _, _ in reports)
    statuses: dict[str, int] = {}
    for _, _, total in reports:
        for status, count in total.items():
            statuses[status] = statuses.get(status, 0) + count
    sent = sum(statuses.values())
    return {"rps": sent / elapsed, "sent": sent, "accepted": statuses.get("200", 0), "statuses": statuses}
