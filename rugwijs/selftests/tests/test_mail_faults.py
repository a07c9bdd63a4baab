"""'Mail mij mijn uitslag' with the mail server down, silent or working, over real SMTP on 127.0.0.1.

Down: a port where nothing listens. Silent: a port that accepts and never answers (EMAIL_TIMEOUT).
Working: a minimal SMTP responder in a thread, written here because aiosmtpd is not a dependency
and the standard library's smtpd is gone since Python 3.12.
"""

import socket
import socketserver
import threading
import time

import pytest
from bs4 import BeautifulSoup

from rugwijs.selftests.models import SelfTestPage

pytestmark = [pytest.mark.django_db, pytest.mark.faults]

BROWSER = {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_USER_AGENT": "Mozilla/5.0 Chrome/131"}
ANSWERS = {"q_duur_weken": "3", "q_eerder_gehad": "ja", "email": "lezer@voorbeeld.nl"}


class _SMTPHandler(socketserver.StreamRequestHandler):
    def reply(self, line: str):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self.reply("220 test ESMTP")
        while line := self.rfile.readline():
            command = line.decode("ascii", "replace").strip().upper()
            if command.startswith(("EHLO", "HELO")):
                self.reply("250 test")
            elif command == "DATA":
                self.reply("354 end with .")
                lines = []
                while (data := self.rfile.readline()) not in (b".\r\n", b""):
                    lines.append(data)
                self.server.messages.append(b"".join(lines).decode("utf-8", "replace"))
                self.reply("250 queued")
            elif command == "QUIT":
                self.reply("221 bye")
                return
            else:  # MAIL FROM, RCPT TO, RSET, NOOP
                self.reply("250 ok")


class _SMTPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _SMTPHandler)
        self.messages = []


@pytest.fixture(scope="module")
def smtp_server():
    server = _SMTPServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def smtp(settings):
    """Django's real SMTP backend, waiting at most half a second for a server."""

    def to_port(port: int):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_TIMEOUT = 0.5

    return to_port


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def mail_result(client):
    page = SelfTestPage.objects.get(slug="fase-van-rugpijn")
    started = time.monotonic()
    response = client.post(f"/zelftest/{page.pk}/mail/", ANSWERS, **BROWSER)
    return page, response, time.monotonic() - started


def assert_result_stays_with_the_message(page, response):
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    html = BeautifulSoup(response.content, "html.parser")
    assert html.h1.get_text() == page.result("acuut")["title"]
    assert "We konden de mail nu niet versturen" in html.select_one("#mail-failed").get_text()
    # The form is there again with the address filled in, to try once more.
    assert html.select_one("#mail-email")["value"] == "lezer@voorbeeld.nl"


def test_mail_server_down_keeps_the_result_and_says_so(client, demo_site, smtp, caplog):
    smtp(closed_port())
    page, response, _seconds = mail_result(client)
    assert_result_stays_with_the_message(page, response)
    assert "mail not sent" in caplog.text


def test_a_mail_server_that_never_answers_is_given_up_on_after_email_timeout(client, demo_site, smtp):
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        smtp(silent.getsockname()[1])
        page, response, seconds = mail_result(client)
    assert_result_stays_with_the_message(page, response)
    assert seconds < 3


def test_a_working_mail_server_gets_the_result(client, demo_site, smtp, smtp_server):
    smtp(smtp_server.server_address[1])
    page, response, _seconds = mail_result(client)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert html.select_one(".mail-sent") and not html.select_one("#mail-failed")
    assert len(smtp_server.messages) == 1
    assert "lezer@voorbeeld.nl" in smtp_server.messages[0]
