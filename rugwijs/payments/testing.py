"""Mollie's API as recorded: a local HTTP server that answers Mollie's client with stored responses.

Tests point MOLLIE_API_ENDPOINT here, so Mollie's own client, its HTTP calls and its parsing all run
as in production; only the answers are recordings (tests/recordings/, in the shape of Mollie's v2 API).
Each payment started gets an id of its own; a test says which recording answers for it next.
"""

import itertools
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

RECORDINGS = Path(__file__).resolve().parent / "tests" / "recordings"
RECORDED_ID = "tr_RECORDED1"


def recording(name: str) -> dict:
    return json.loads((RECORDINGS / f"{name}.json").read_text())


class RecordedMollie:
    def __init__(self):
        self.requests: list[dict] = []  # what Mollie would have received: method, path, headers, body
        self.answers: dict[str, str] = {}  # payment id -> recording name for GET
        self.down = False
        self._ids = (f"tr_Replay{n:05d}" for n in itertools.count(1))
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def answer(self, payment_id: str, name: str) -> None:
        self.answers[payment_id] = name

    def _respond(self, method: str, path: str, body: dict) -> tuple[int, dict]:
        if self.down:
            return 503, {"status": 503, "title": "Service Unavailable", "detail": "Recorded outage"}
        if method == "POST" and path == "/v2/payments":
            payment_id = next(self._ids)
            self.answers[payment_id] = "payment-created"
            return 201, self._as(payment_id, recording("payment-created"), body)
        if method == "GET" and path.startswith("/v2/payments/"):
            payment_id = path.rsplit("/", 1)[-1]
            if payment_id not in self.answers:
                return 404, recording("not-found")
            return 200, self._as(payment_id, recording(self.answers[payment_id]), {})
        return 404, recording("not-found")

    @staticmethod
    def _as(payment_id: str, data: dict, sent: dict) -> dict:
        """The recording, for this payment: its id, and what the client sent where Mollie echoes it."""
        text = (
            json.dumps(data).replace(RECORDED_ID, payment_id).replace(RECORDED_ID.removeprefix("tr_"), payment_id[3:])
        )
        data = json.loads(text)
        for field in ("description", "redirectUrl", "webhookUrl", "metadata"):
            if field in sent:
                data[field] = sent[field]
        return data

    def _handler(self):
        replay = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                body = json.loads(raw) if raw else {}
                path = self.path.split("?", 1)[0]
                replay.requests.append(
                    {"method": self.command, "path": path, "headers": dict(self.headers), "body": body}
                )
                status, data = replay._respond(self.command, path, body)
                payload = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/hal+json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_DELETE = _serve

            def log_message(self, *args):
                pass

        return Handler


def provider_settings(replay: RecordedMollie) -> dict:
    return {
        "BACKEND": "rugwijs.payments.providers.mollie.MollieProvider",
        "OPTIONS": {"api_key": "test_recordedrecordedrecorded12", "api_endpoint": replay.url},
        "CHECKOUT_ORIGINS": ["https://www.mollie.com"],
    }
