"""The real SMTP backend, against a real SMTP server on loopback (aiosmtpd)."""

import socket
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message


class Inbox(Message):
    def __init__(self):
        super().__init__()
        self.messages = []
        self.arrived = threading.Event()

    def handle_message(self, message):
        self.messages.append(message)
        self.arrived.set()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_link_arrives_through_smtp(client, db, settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = controller.port
        client.post(
            "/account/sign-up/",
            {
                "full_name": "Sol Smtp",
                "email": "sol@example.org",
                "password": "a long and unusual passphrase",
                "preferred_language": "en",
            },
        )
        assert inbox.arrived.wait(10)
    finally:
        controller.stop()
    message = inbox.messages[0]
    assert message["To"] == "sol@example.org"
    assert "/account/verify/" in message.get_payload(decode=True).decode()
