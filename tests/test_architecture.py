"""The house rules of the source tree, checked by reading every module's imports (AST, no import).

Layers, lowest first: ``domain`` (vocabulary) → ``ctgov`` / ``store`` / ``topics`` →
``services`` → the two faces, ``cli`` and ``ui``. A module may import its own layer
and the layers its rule lists; PySide6 only under ``ui``; SQLAlchemy and Alembic only
under ``store``; no import cycles; no ``try/except ImportError`` around our own modules.
See docs/architecture.md.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = "trialtracker"
SRC = Path(__file__).resolve().parents[1] / "src" / PACKAGE

#: layer -> the other layers of ours it may import ("base" is the package root and paths.py).
ALLOWED: dict[str, set[str]] = {
    "base": set(),
    "domain": {"base"},
    "ctgov": {"base", "domain"},
    "store": {"base", "domain"},
    "topics": {"base", "domain"},
    "services": {"base", "domain", "ctgov", "store", "topics"},
    "cli": {"base", "domain", "services", "ui"},  # `trialtracker gui` starts the window
    "ui": {"base", "domain", "services"},
}
#: third-party packages only one layer may import.
OWNED_BY = {"PySide6": "ui", "shiboken6": "ui", "sqlalchemy": "store", "alembic": "store"}


def layer_of(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1 or parts[1] in ("paths", "__main__"):
        return "cli" if parts[-1] == "__main__" else "base"
    return parts[1]


@dataclass(frozen=True)
class Import:
    source: str  # the importing module
    target: str  # the imported module (absolute)
    line: int
    guarded: bool  # inside ``try: … except ImportError``
    type_only: bool  # inside ``if TYPE_CHECKING:``


def module_name(root: Path, path: Path) -> str:
    rel = path.relative_to(root.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> list[str]:
    if node.level == 0:
        base = node.module or ""
    else:
        parent = module.split(".")[: len(module.split(".")) - node.level + (1 if is_package else 0)]
        base = ".".join([*parent, node.module] if node.module else parent)
    # ``from trialtracker.services import trials`` imports the module ``trialtracker.services.trials``.
    return [f"{base}.{alias.name}" for alias in node.names] + [base]


def imports_of(root: Path, path: Path) -> Iterator[Import]:
    module = module_name(root, path)
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))

    def walk(node: ast.AST, guarded: bool, type_only: bool) -> Iterator[Import]:
        for child in ast.iter_child_nodes(node):
            g, t = guarded, type_only
            if isinstance(child, ast.Try) and any(
                isinstance(h.type, ast.Name) and h.type.id in ("ImportError", "ModuleNotFoundError")
                for h in child.handlers
            ):
                yield from (i for stmt in child.body for i in walk_one(stmt, True, t))
                for rest in (*child.handlers, *child.orelse, *child.finalbody):
                    yield from walk(rest, g, t)
                continue
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                yield from (i for stmt in child.body for i in walk_one(stmt, g, True))
                continue
            yield from walk_one(child, g, t)

    def walk_one(node: ast.AST, guarded: bool, type_only: bool) -> Iterator[Import]:
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(module, alias.name, node.lineno, guarded, type_only)
        elif isinstance(node, ast.ImportFrom):
            for target in _resolve(module, path.name == "__init__.py", node):
                yield Import(module, target, node.lineno, guarded, type_only)
        else:
            yield from walk(node, guarded, type_only)

    yield from walk_one(tree, False, False)


def collect(root: Path) -> tuple[set[str], list[Import]]:
    files = sorted(p for p in root.rglob("*.py") if "migrations" not in p.relative_to(root).parts)
    modules = {module_name(root, p) for p in files}
    found = [imp for p in files for imp in imports_of(root, p)]
    return modules, found


def violations(root: Path) -> list[str]:
    """Every broken house rule under ``root`` (a ``trialtracker`` package folder), one line each."""
    modules, found = collect(root)
    problems: list[str] = []
    ours = [i for i in found if i.target.split(".")[0] == PACKAGE and i.target in modules]
    for imp in found:
        top = imp.target.split(".")[0]
        owner = OWNED_BY.get(top)
        if owner is not None and layer_of(imp.source) != owner:
            problems.append(f"{imp.source}:{imp.line} imports {top} (only {owner}/ may)")
    for imp in ours:
        src, dst = layer_of(imp.source), layer_of(imp.target)
        if src != dst and dst not in ALLOWED.get(src, set()):
            problems.append(f"{imp.source}:{imp.line} imports {imp.target} ({src}/ may not import {dst}/)")
        if imp.guarded:
            problems.append(f"{imp.source}:{imp.line} imports {imp.target} inside try/except ImportError")
    problems += [f"import cycle: {' -> '.join(c)}" for c in cycles(ours)]
    return sorted(set(problems))


def cycles(imports: list[Import]) -> list[list[str]]:
    """Cycles among runtime imports (``TYPE_CHECKING`` imports excluded), one per strongly connected set."""
    graph: dict[str, set[str]] = {}
    for imp in imports:
        if not imp.type_only and imp.source != imp.target and not imp.source.startswith(imp.target + "."):
            graph.setdefault(imp.source, set()).add(imp.target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's algorithm
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            members = []
            while True:
                member = stack.pop()
                members.append(member)
                if member == node:
                    break
            if len(members) > 1:
                found.append(sorted(members))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_source_tree_keeps_the_house_rules() -> None:
    problems = violations(SRC)
    assert not problems, "house rules broken:\n" + "\n".join(problems)


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / PACKAGE
    for name, text in {"__init__.py": "", **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        for parent in path.relative_to(root).parents:
            (root / parent / "__init__.py").touch()
        path.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"store/db.py": "import PySide6.QtCore\n"}, "only ui/ may"),
        ({"ui/window.py": "from sqlalchemy import select\n"}, "only store/ may"),
        ({"ui/window.py": "from trialtracker.store import db\n", "store/db.py": ""}, "ui/ may not import store/"),
        ({"cli/main.py": "from trialtracker.store.db import x\n", "store/db.py": ""}, "cli/ may not import store/"),
        ({"store/db.py": "def f():\n    from trialtracker.topics import rules\n", "topics/rules.py": ""},
         "store/ may not import topics/"),
        ({"domain/a.py": "from trialtracker.services import x\n", "services/x.py": ""},
         "domain/ may not import services/"),
        ({"services/a.py": "from trialtracker.services import b\n", "services/b.py": "from . import a\n"},
         "import cycle: trialtracker.services.a -> trialtracker.services.b"),
        ({"ui/a.py": "try:\n    from trialtracker.ui import b\nexcept ImportError:\n    b = None\n", "ui/b.py": ""},
         "inside try/except ImportError"),
    ],
    ids=["qt-in-store", "sql-in-ui", "ui-to-store", "cli-to-store", "store-to-topics-lazily", "domain-upward",
         "cycle", "import-fallback"],
)  # fmt: skip
def test_each_rule_fails_when_broken(tmp_path: Path, files: dict[str, str], expected: str) -> None:
    problems = violations(_tree(tmp_path, files))
    assert any(expected in p for p in problems), problems


def test_a_clean_tree_passes(tmp_path: Path) -> None:
    root = _tree(tmp_path, {
        "domain/words.py": "import re\n",
        "store/db.py": "import sqlalchemy\nfrom trialtracker.domain import words\n",
        "services/use.py": "from trialtracker.store import db\nfrom trialtracker.domain.words import x\n",
        "ui/window.py": "import PySide6\nfrom trialtracker.services import use\n",
        "cli/main.py": "from trialtracker.services.use import y\n",
    })  # fmt: skip
    assert violations(root) == []
