"""The onion of DESIGN.md, enforced in full: the package import graph is drawn from the code (every
``import`` and ``from ... import`` in every module, lazy ones inside functions included) and checked
against the layers below, given as data. An import may only go down a layer, or sideways where the
picture draws it; no two packages may import each other, directly or round a cycle. The core and the
render layer also keep clear of the libraries that belong to the adapters (STYLE.md, rule 1)."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "tipwatch"

#: The picture, bottom up: a package may import the packages of any lower layer.
LAYERS: list[set[str]] = [
    {"problems", "problem_codes", "datafile"},
    {"evidence", "law", "jurisdictions"},
    {"history", "assess", "reader", "review", "reply", "disclosure", "glotip"},
    {"store", "accounts", "registry"},
    {"reports"},
    {"services"},
    {"cli", "http", "http.api", "http.web", "http.app"},
]
#: Imports inside one layer, as the picture draws them (importer -> what it may import).
SIDEWAYS: dict[str, set[str]] = {
    "datafile": {"problems", "problem_codes"},
    "law": {"evidence"},  # the Watch List rules speak of tiers (evidence.Tier); evidence never imports law
    "problem_codes": {"problems"},  # a catalogue member carries its level (problems.Severity)
    "review": {"disclosure"},  # public statistics are protected by the one disclosure rule set
    "reply": {"assess", "reader", "disclosure"},  # claims from the reader, reassessment, disclosure
    "accounts": {"store"},
    "registry": {"store", "accounts"},  # registry/schema.py gathers every table for Alembic
    "http.api": {"http"},  # JSON routes and pages share http/ (auth, settings, data functions)
    "http.web": {"http"},
    "http.app": {"http", "http.api", "http.web"},  # create_app mounts both
    "cli": {"http", "http.app"},  # tipwatch serve starts the app
}
#: Lower packages a layer must not import although the layers would allow it: reports render typed
#: results and never read a database (the services do).
SKIPPED_LAYERS: dict[str, set[str]] = {"reports": {"store", "accounts", "registry"}}
#: Libraries a layer must not import: the core is pure; reports render without a database; services
#: take plain values, never a request; the adapters (CLI, HTTP) hold no SQL.
ADAPTER_LIBRARIES = {"sqlalchemy", "alembic", "typer", "fastapi", "starlette", "jinja2", "rich", "uvicorn"}
FORBIDDEN_LIBRARIES: dict[str, set[str]] = {
    **dict.fromkeys(set().union(*LAYERS[:3]), ADAPTER_LIBRARIES),
    "reports": {"sqlalchemy", "alembic", "typer", "fastapi", "starlette", "uvicorn"},
    "services": {"typer", "fastapi", "starlette", "rich", "uvicorn", "jinja2"},
    **{adapter: {"sqlalchemy", "alembic"} for adapter in LAYERS[-1]},  # adapters hold no SQL
}


def node_of(module: str) -> str | None:
    """The package of the picture a module belongs to (``tipwatch.http.api.routes.x`` -> ``http.api``),
    or None for a module outside tipwatch and for ``tipwatch`` itself."""
    parts = module.split(".")
    if parts[0] != "tipwatch" or len(parts) < 2:
        return None
    if parts[1] != "http":
        return parts[1]
    if len(parts) == 2 or parts[2] == "app":
        return "http.app"  # the http package's face is the app (tipwatch.http exports create_app)
    return f"http.{parts[2]}" if parts[2] in ("api", "web") else "http"


def module_name(path: Path, root: Path) -> str:
    relative = path.relative_to(root.parent).with_suffix("")
    parts = list(relative.parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(name: str, root: Path) -> bool:
    relative = Path(*name.split(".")[1:]) if "." in name else Path()
    return (root / relative).with_suffix(".py").is_file() or (root / relative / "__init__.py").is_file()


def imported_modules(path: Path, root: Path) -> set[str]:
    """Every module ``path`` imports, relative imports resolved, ``from package import module`` read as
    the module."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            for alias in node.names:
                submodule = f"{module}.{alias.name}"
                found.add(submodule if _is_module(submodule, root) else module)
    return found


def import_graph(root: Path) -> dict[tuple[str, str], set[str]]:
    """(importing package, imported package) -> the modules that make the edge."""
    edges: dict[tuple[str, str], set[str]] = {}
    for path in sorted(root.rglob("*.py")):
        source = node_of(module_name(path, root))
        for module in imported_modules(path, root):
            target = node_of(module)
            if source and target and source != target:
                edges.setdefault((source, target), set()).add(str(path.relative_to(root)))
    return edges


def layer_of(node: str) -> int:
    return next(index for index, layer in enumerate(LAYERS) if node in layer)


def against_the_picture(edges: Mapping[tuple[str, str], set[str]]) -> list[str]:
    """Every edge that goes up a layer, or sideways where the picture draws no arrow."""
    wrong = []
    for (source, target), files in sorted(edges.items()):
        below = layer_of(target) < layer_of(source)
        sideways = layer_of(target) == layer_of(source) and target in SIDEWAYS.get(source, set())
        if not (below or sideways):
            wrong.append(f"{source} -> {target} ({', '.join(sorted(files))})")
    return wrong


def skipping_layers(edges: Mapping[tuple[str, str], set[str]]) -> list[str]:
    return [
        f"{source} -> {target} ({', '.join(sorted(files))})"
        for (source, target), files in sorted(edges.items())
        if target in SKIPPED_LAYERS.get(source, set())
    ]


def cycles(edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """The strongly connected groups of more than one package (Tarjan's algorithm)."""
    graph: dict[str, set[str]] = {}
    for source, target in edges:
        graph.setdefault(source, set()).add(target)
        graph.setdefault(target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


EDGES = import_graph(PACKAGE)


def test_every_package_has_its_place_in_the_picture() -> None:
    packages = {node_of(module_name(path, PACKAGE)) for path in PACKAGE.rglob("*.py")} - {None}
    placed = set().union(*LAYERS)
    assert packages - placed == set(), "place every new package in LAYERS (and DESIGN.md)"
    assert placed - packages == set(), "LAYERS names a package that does not exist"


def test_no_import_goes_against_the_picture() -> None:
    assert against_the_picture(EDGES) == []


def test_reports_render_without_reading_a_database() -> None:
    assert skipping_layers(EDGES) == []


def test_no_packages_import_each_other_round_a_cycle() -> None:
    assert cycles(EDGES) == []


def test_the_sideways_arrows_are_sideways_and_acyclic() -> None:
    for source, targets in SIDEWAYS.items():
        assert all(layer_of(target) == layer_of(source) for target in targets), source
    assert cycles((source, target) for source, targets in SIDEWAYS.items() for target in targets) == []


def test_the_check_sees_the_whole_picture() -> None:
    assert ("services", "registry") in EDGES and ("http.web", "http") in EDGES
    assert ("cli", "services") in EDGES and ("reports", "review") in EDGES
    assert len(EDGES) >= 40


def _write(root: Path, files: Mapping[str, str]) -> Path:
    package = root / "tipwatch"
    for name, text in files.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        for folder in [path.parent, *path.parent.parents]:
            if folder == root:
                break
            (folder / "__init__.py").touch()
        path.write_text(text, encoding="utf-8")
    return package


def test_the_check_fails_on_an_import_up_a_layer_sideways_or_round_a_cycle(tmp_path: Path) -> None:
    package = _write(
        tmp_path,
        {
            "store/database.py": "def f():\n    from tipwatch.registry.writer import audit\n",
            "registry/writer.py": "from ..store import database\n",
            "http/web/pages.py": "from tipwatch.http.api.routes import data\n",
            "http/api/routes/data.py": "import tipwatch.http.web.pages\n",
            "review/findings.py": "from tipwatch.reply import brief\n",
            "reply/brief.py": "from tipwatch.evidence import periods\n",
            "reports/review.py": "from tipwatch.registry.stats import compute_statistics\n",
            "evidence/periods.py": "from tipwatch import problems\n",
            "problems.py": "",
        },
    )
    edges = import_graph(package)
    assert ("registry", "store") in edges  # a relative import, resolved
    assert against_the_picture(edges) == [
        "http.api -> http.web (http/api/routes/data.py)",
        "http.web -> http.api (http/web/pages.py)",
        "review -> reply (review/findings.py)",
        "store -> registry (store/database.py)",
    ]
    assert cycles(edges) == [["http.api", "http.web"], ["registry", "store"]]
    assert skipping_layers(edges) == ["reports -> registry (reports/review.py)"]


def _libraries(path: Path) -> set[str]:
    return {module.split(".")[0] for module in imported_modules(path, PACKAGE)}


@pytest.mark.parametrize(
    "path",
    [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if node_of(module_name(path, PACKAGE)) in FORBIDDEN_LIBRARIES
    ],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_each_layer_keeps_clear_of_the_libraries_it_must_not_use(path: Path) -> None:
    node = node_of(module_name(path, PACKAGE))
    assert node is not None
    bad = _libraries(path) & FORBIDDEN_LIBRARIES[node]
    assert not bad, f"{path.relative_to(PACKAGE)} ({node}) imports {sorted(bad)}"
