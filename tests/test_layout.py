"""The shape of the code: one package per capability inside directory/, each
module a screenful of one concern, dependencies pointing one way (the README's
"Map of the code")."""

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "directory"

# From the bottom up: a package may import only the shared core and the
# packages before it. The shared core is the modules at the top of the app.
LAYERS = [
    "accounts",
    "search",
    "places",
    "taxonomy",
    "listings",
    "connect",
    "review",
    "sourcing",
    "browse",
    "privacy",
    "pages",
    "stewardship",
]
# Tools that build on everything and that nothing imports.
TOOLS = ["demo", "performance"]
# What sits on top and may import anything: the model and admin registries,
# the URL files, template tags and commands.
ENTRY_POINTS = {"models.py", "admin.py", "urls.py", "dashboard_urls.py", "templatetags", "management"}
MAX_LINES = 520


def modules():
    return sorted(path for path in APP.rglob("*.py") if "migrations" not in path.parts)


def directory_imports(path: Path) -> set[str]:
    """Every `directory.*` module this file imports, at any depth."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("directory"):
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("directory"))
    return found


def package_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 and parts[1] in (*LAYERS, *TOOLS) else "core"


def test_it_keeps_each_module_to_about_a_screenful_of_concerns():
    long = {
        str(path.relative_to(APP)): n for path in modules() if (n := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


def test_it_gives_every_capability_a_package_that_says_what_it_owns():
    for name in (*LAYERS, *TOOLS):
        init = APP / name / "__init__.py"
        assert ast.get_docstring(ast.parse(init.read_text())), name


@pytest.mark.parametrize("package", LAYERS)
def test_it_points_dependencies_one_way(package):
    allowed = {"core", package, *LAYERS[: LAYERS.index(package)]}
    wrong = {
        f"{path.relative_to(APP)} imports {module}"
        for path in (APP / package).rglob("*.py")
        for module in directory_imports(path)
        if package_of(module) not in allowed
    }
    assert wrong == set()


def test_it_keeps_the_shared_core_free_of_capabilities():
    core = [path for path in APP.glob("*.py") if path.name not in ENTRY_POINTS]
    wrong = {
        f"{path.name} imports {module}"
        for path in core
        for module in directory_imports(path)
        if package_of(module) != "core"
    }
    assert wrong == set()


def test_it_imports_no_tool_from_the_capabilities():
    wrong = {
        f"{path.relative_to(APP)} imports {module}"
        for package in LAYERS
        for path in (APP / package).rglob("*.py")
        for module in directory_imports(path)
        if package_of(module) in TOOLS
    }
    assert wrong == set()
