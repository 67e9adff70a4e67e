"""The senders behind messaging.send(): the file one, and the WhatsApp Cloud
API and SMS gateway ones against a fake provider on 127.0.0.1 that records
what it was sent. A provider out of reach or refusing becomes a page saying
the code could not be sent, never an error page."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from directory import messaging
from directory.models import User

NUMBER = "+6281234567890"


class FakeProvider:
    def __init__(self, status=200, delay=0.0):
        self.status, self.delay, self.requests = status, delay, []
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers["Content-Length"])
                provider.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "body": json.loads(self.rfile.read(length))}
                )
                if provider.delay:
                    threading.Event().wait(provider.delay)
                try:
                    self.send_response(provider.status)
                    self.send_header("Content-Type", "application/json")
                    self.end_headers()
                    self.wfile.write(b'{"messages": [{"id": "wamid.1"}]}')
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the sender stopped waiting: that is the point of the slow provider

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def provider():
    fake = FakeProvider()
    yield fake
    fake.close()


@pytest.fixture
def whatsapp(settings, provider):
    settings.OTP_SENDER = "whatsapp"
    settings.WHATSAPP_API_URL = provider.url + "/v23.0"
    settings.WHATSAPP_TOKEN = "token-123"
    settings.WHATSAPP_PHONE_NUMBER_ID = "1098765"
    settings.WHATSAPP_TEMPLATE = "ifn_kode_masuk"
    return provider


@pytest.fixture
def sms(settings, provider):
    settings.OTP_SENDER = "sms"
    settings.SMS_GATEWAY_URL = provider.url + "/api/send"
    settings.SMS_GATEWAY_TOKEN = "sms-token"
    return provider


def test_the_file_sender_writes_one_file_a_message(settings):
    messaging.send(NUMBER, "Kode IFN Anda 123456.", template="ifn_kode_masuk", parameters=["123456"])
    (path,) = Path(settings.MESSAGES_FILE_PATH).iterdir()
    assert path.name.endswith("-6281234567890.txt")
    assert path.read_text().splitlines() == [
        f"To: {NUMBER}",
        "Template: ifn_kode_masuk",
        'Parameters: ["123456"]',
        "",
        "Kode IFN Anda 123456.",
    ]


def test_it_sends_a_whatsapp_template_with_the_code(whatsapp):
    messaging.send(NUMBER, "Kode IFN Anda 123456.", template="ifn_kode_masuk", parameters=["123456"], code="123456")
    (request,) = whatsapp.requests
    assert request["path"] == "/v23.0/1098765/messages"
    assert request["headers"]["Authorization"] == "Bearer token-123"
    assert request["headers"]["Content-Type"] == "application/json"
    assert request["body"] == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": "6281234567890",
        "type": "template",
        "template": {
            "name": "ifn_kode_masuk",
            "language": {"code": "id"},
            "components": [
                {"type": "body", "parameters": [{"type": "text", "text": "123456"}]},
                {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "123456"}]},
            ],
        },
    }


def test_it_sends_whatsapp_text_without_a_template(whatsapp):
    messaging.send(NUMBER, "Listing Anda sudah terbit.")
    assert whatsapp.requests[0]["body"]["type"] == "text"
    assert whatsapp.requests[0]["body"]["text"] == {"body": "Listing Anda sudah terbit."}


def test_it_posts_to_the_sms_gateway(sms):
    messaging.send(NUMBER, "Kode IFN Anda 123456.", template="ifn_kode_masuk", parameters=["123456"])
    (request,) = sms.requests
    assert request["path"] == "/api/send"
    assert request["headers"]["Authorization"] == "Bearer sms-token"
    assert request["body"] == {"to": NUMBER, "message": "Kode IFN Anda 123456."}


@pytest.mark.parametrize("status", [400, 401, 500, 503])
def test_a_refusal_raises_send_failed(whatsapp, status):
    whatsapp.status = status
    with pytest.raises(messaging.SendFailed):
        messaging.send(NUMBER, "x", template="ifn_kode_masuk", parameters=["1"])


def test_a_provider_too_slow_raises_send_failed(settings, whatsapp):
    settings.MESSAGES_TIMEOUT = 0.2
    whatsapp.delay = 1
    with pytest.raises(messaging.SendFailed):
        messaging.send(NUMBER, "x")


def test_a_provider_out_of_reach_raises_send_failed(settings):
    settings.OTP_SENDER = "sms"
    settings.SMS_GATEWAY_URL = "http://127.0.0.1:9/api/send"
    with pytest.raises(messaging.SendFailed):
        messaging.send(NUMBER, "x")


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_a_code_that_cannot_be_sent_is_a_clear_page(client, whatsapp, prefix):
    whatsapp.status = 500
    response = client.post(f"{prefix}/akun/signup/whatsapp/", {"phone": "0812 3456 7890"})
    assert response.status_code == 503
    title = "The code could not be sent" if prefix else "Kode tidak dapat dikirim"
    assert title in response.text
    assert len(whatsapp.requests) == 1
    # Trying again later, once the provider answers, finishes the sign-up.
    whatsapp.status = 200
    from django.core.cache import cache

    cache.clear()
    response = client.post(f"{prefix}/akun/signup/whatsapp/", {"phone": "0812 3456 7890"})
    assert response["Location"] == f"{prefix}/akun/phone/verify/"
    assert User.objects.filter(phone=NUMBER).count() == 1
