"""What the load test records: each answer and each phase of the run, and
reading cookies and hidden form values the way a browser would."""

import http.client
import re
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

# The answer each kind of request should get when all is well.
EXPECTED = {"inquiry": 302}


@dataclass
class Answer:
    kind: str
    started: float
    ended: float
    status: int | str
    friendly: bool | None = None

    @property
    def ok(self) -> bool:
        return self.status == EXPECTED.get(self.kind, 200)

    @property
    def failed(self) -> bool:
        """Neither the expected answer nor one the site gives a visitor on
        purpose: an inquiry sent back with a message, or over a limit."""
        return not self.ok and self.status not in (200, 429)


@dataclass
class Phase:
    name: str
    seconds: int
    answers: list[Answer] = field(default_factory=list)
    accepted: set[str] = field(default_factory=set)
    lost: set[str] = field(default_factory=set)
    events: dict[str, float] = field(default_factory=dict)
    restarting: bool = False
    started: float = 0.0
    ended: float = 0.0


def hidden_value(html: str, name: str) -> str | None:
    tag = re.search(rf'<input[^>]*\bname="{re.escape(name)}"[^>]*>', html)
    value = tag and re.search(r'\bvalue="([^"]*)"', tag.group(0))
    return value.group(1) if value else None


def cookies_from(response: http.client.HTTPResponse, jar: dict) -> dict:
    for header in response.headers.get_all("Set-Cookie") or []:
        cookie = SimpleCookie()
        cookie.load(header)
        for name, morsel in cookie.items():
            if morsel["max-age"] == "0":
                jar.pop(name, None)
            else:
                jar[name] = morsel.value
    return jar
