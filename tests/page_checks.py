"""Checks every page a browser journey visits: axe-core for accessibility, in
the browser as soon as the page has loaded, and the Nu HTML checker for
validity, once over every page of the session at its end (starting Java
takes seconds, so once per page would be far too slow).

Both come from the npm packages in tests/tools (`make test` runs `npm ci`
there); Java runs the Nu checker. Without them the checks are skipped with a
line in pytest's header and summary, except in CI, where they must run."""

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

TOOLS = Path(__file__).resolve().parent / "tools" / "node_modules"
AXE = TOOLS / "axe-core" / "axe.min.js"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = shutil.which("java")

# What the checkers find in the markup and scripts of the Django admin itself
# (its widgets and inlines, which the project does not write), each with the
# reason. They are set aside only on pages under /admin/, and only for the
# elements named, so the same fault in the project's own pages still fails.

# axe-core: (rule, CSS selector of the elements Django makes, why).
DJANGO_ADMIN_AXE: list[tuple[str, str, str]] = [
    (
        "aria-input-field-name",
        ".select2-selection, .select2-selection__rendered",
        "select2, which Django ships for autocomplete_fields, names its combobox after an empty placeholder",
    ),
    ("label", ".select2-search__field", "select2's search box in a multiple autocomplete has no label"),
    (
        "label",
        "fieldset > .flex-container > input[type=file]",
        "an empty file field is named by its fieldset's legend, not by a label",
    ),
    (
        "aria-prohibited-attr",
        ".selector .help-tooltip.search-label-icon",
        "SelectFilter2.js (filter_horizontal) puts an aria-label on a span without a role",
    ),
    (
        "empty-table-header",
        ".inline-group .tabular thead th:is(.original, :last-child)",
        "a tabular inline leaves the headers over each row's name and its delete box empty",
    ),
    (
        "label-content-name-mismatch",
        ".datetimeshortcuts a",
        "DateTimeShortcuts.js names the 'Today' link with 'Today (date)', which Django's Indonesian catalogue lacks",
    ),
    (
        "scrollable-region-focusable",
        ".inline-group .tabular .wrapper",
        "on a narrow screen a tabular inline scrolls sideways in a box that cannot take focus",
    ),
]

# The Nu checker: (the message, a regular expression it must match whole; a
# string the start tag of the <select> the error is in must contain; why).
DJANGO_ADMIN_VNU: list[tuple[str, str, str]] = [
    (
        r"Element “option” without attribute “label” must not be empty\.",
        'class="admin-autocomplete"',
        "AutocompleteSelect gives select2 an empty option to show its placeholder in",
    ),
    (
        r"The first “option” element in a “select” element with a “required” attribute, .*",
        'class="admin-autocomplete"',
        "AutocompleteSelect renders only the chosen option of a required field, with no empty one before it",
    ),
]


def missing() -> list[str]:
    """What is missing for the checks, in words a developer can act on."""
    reasons = []
    if not (AXE.exists() and VNU.exists()):
        reasons.append("axe-core and vnu-jar (make tools, which needs npm)")
    if JAVA is None:
        reasons.append("java (apt-get install openjdk-17-jre-headless)")
    return reasons


def describe_violations(url: str, violations: list[dict]) -> str:
    lines = [f"axe-core: {len(violations)} accessibility violation(s) on {url}"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            lines.append(f"    at {' '.join(map(str, node['target']))}: {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n      ")
            lines.append(f"      {summary}")
    return "\n".join(lines)


@dataclass
class PageChecks:
    """The session's checker: runs axe-core at once and keeps each page's
    HTML, as the server sent it, for the Nu checker."""

    folder: Path
    documents: list[tuple[str, Path]] = field(default_factory=list)

    @property
    def axe(self) -> bool:
        return AXE.exists()

    @property
    def vnu(self) -> bool:
        return VNU.exists() and JAVA is not None

    def watch(self, page) -> "WatchedPage":
        return WatchedPage(self, page)

    def keep(self, url: str, html: bytes) -> None:
        path = self.folder / f"page-{len(self.documents) + 1:03}.html"
        path.write_bytes(html)
        self.documents.append((url, path))

    def validate(self) -> list[str]:
        """Runs the Nu checker once over every document kept; returns its
        errors, each with the page's address."""
        if not self.vnu or not self.documents:
            return []
        result = subprocess.run(
            # One short run: the optimising compiler and parallel collector cost
            # Java more than they save (about 1 s instead of 8 s here). The
            # checker's schemas need a deeper stack than Java's default.
            [JAVA, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss2m", "-jar", str(VNU)]
            + ["--format", "json", "--errors-only", "--exit-zero-always"]
            + [str(path) for _url, path in self.documents],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, f"the Nu checker failed:\n{result.stderr}"
        # The Nu checker names files file:/path, with one slash.
        documents = {f"file:{path}": (url, path) for url, path in self.documents}
        errors = []
        for message in json.loads(result.stderr)["messages"]:
            url, path = documents.get(message.get("url"), (message.get("url"), None))
            if path is not None and is_django_admin_markup(url, message, path):
                continue
            where = f"line {message.get('lastLine')}" if "lastLine" in message else "document"
            errors.append(f"{url} ({where}): {message['message']}\n    {message.get('extract', '').strip()}")
        return errors


def is_django_admin_markup(url: str, message: dict, path: Path) -> bool:
    if not urlsplit(url).path.startswith("/admin/") or "lastLine" not in message:
        return False
    lines = path.read_text().splitlines()[: message["lastLine"]]
    before = "\n".join(lines)
    select = before[before.rfind("<select") :].split(">", 1)[0]
    return any(
        re.fullmatch(pattern, message["message"]) and inside in select for pattern, inside, _why in DJANGO_ADMIN_VNU
    )


# Runs axe-core and returns its violations, less the nodes that match the
# selectors given for their rule.
AXE_RUN = """async (known) => {
    const results = await axe.run(document);
    return results.violations.map(violation => {
        const selectors = known.filter(([rule]) => rule === violation.id).map(([, selector]) => selector);
        const ours = node => {
            const element = node.target.length === 1 && document.querySelector(node.target[0]);
            return !(element && selectors.some(selector => element.matches(selector)));
        };
        return {...violation, nodes: violation.nodes.filter(ours)};
    }).filter(violation => violation.nodes.length);
}"""


class WatchedPage:
    """One browser page whose every document must be checked: call check()
    after each navigation. A document left unchecked (a navigation the
    journey forgot) fails the test at its end."""

    def __init__(self, checks: PageChecks, page):
        self.checks = checks
        self.page = page
        self.response = None
        self.unchecked: list[str] = []
        page.on("response", self._on_response)
        if checks.axe:
            # Loaded into every document before its own scripts, through the
            # browser's debugging protocol: a <script> added to the page would
            # be refused by the site's Content-Security-Policy, as it should be.
            page.add_init_script(path=str(AXE))

    def _on_response(self, response) -> None:
        request = response.request
        if not request.is_navigation_request() or response.frame != self.page.main_frame:
            return
        if 300 <= response.status < 400:
            return  # a redirect: the document is the page it leads to
        if self.response is not None:
            self.unchecked.append(self.response.url)
        self.response = response

    def check(self) -> None:
        page = self.page
        page.wait_for_load_state("load")
        response, self.response = self.response, None
        assert response is not None, f"no new page to check at {page.url}"
        assert response.url == page.url, f"the page at {page.url} is not the one loaded from {response.url}"
        url = page.url
        if self.checks.vnu:
            self.checks.keep(url, response.body())
        if self.checks.axe:
            known = [[rule, selector] for rule, selector, _why in DJANGO_ADMIN_AXE]
            violations = page.evaluate(AXE_RUN, known if urlsplit(url).path.startswith("/admin/") else [])
            assert not violations, describe_violations(url, violations)

    def assert_all_checked(self) -> None:
        unchecked = [*self.unchecked, *([self.response.url] if self.response else [])]
        assert not unchecked, f"pages visited but never checked: {unchecked}"


def require_in_ci() -> None:
    reasons = missing()
    if reasons and os.environ.get("CI"):
        pytest.fail("The page checks must run in CI; missing: " + "; ".join(reasons))
