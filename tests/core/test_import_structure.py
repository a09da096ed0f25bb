"""The import structure of pynn: the module-level import graph has no cycle but the ones
listed (and explained) below, and what a late, function-level import guards still works when
nothing else was imported first.

`python3 tests/core/test_import_structure.py` prints every cycle it finds; with `--graph`, the
pictures of the import graph that ARCHITECTURE.md shows (a test checks they are current).
"""

import ast
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Cycles that remain on purpose, each with why (ARCHITECTURE.md, "Import structure"). None
# remains: a cycle that comes back fails test_no_import_cycles_but_the_known_ones.
KNOWN_CYCLES = set()


def _module_name(path):
    rel = os.path.relpath(path, ROOT)[:-3].replace(os.sep, ".")
    return rel[: -len(".__init__")] if rel.endswith(".__init__") else rel


def _modules():
    found = {}
    for folder, _, files in os.walk(os.path.join(ROOT, "pynn")):
        for name in files:
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                found[_module_name(path)] = path
    return found


def _top_level_imports(path, modules, name):
    """pynn modules imported when `name` is imported (statements outside functions)."""
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read())
    package = name if path.endswith("__init__.py") else name.rpartition(".")[0]
    targets = set()

    def add(module):
        while module and module not in modules:  # `from pynn.x import y`: y may be a name
            module = module.rpartition(".")[0]
        if module and module.startswith("pynn"):
            targets.add(module)

    def visit(statements):
        for node in statements:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                continue
            if isinstance(node, ast.Import):
                for alias in node.names:
                    add(alias.name)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parent = package
                    for _ in range(node.level - 1):
                        parent = parent.rpartition(".")[0]
                    base = f"{parent}.{base}" if base else parent
                for alias in node.names:
                    full = f"{base}.{alias.name}"
                    add(full if full in modules else base)
            elif isinstance(node, ast.ClassDef):
                visit(node.body)
            elif isinstance(node, ast.If) and ast.unparse(node.test) in (
                "TYPE_CHECKING",
                "typing.TYPE_CHECKING",
            ):
                visit(node.orelse)  # annotations only: never imported at run time
            else:
                for field in ("body", "orelse", "finalbody", "handlers"):
                    visit(getattr(node, field, []) or [])

    visit(tree.body)
    targets.discard(name)
    return targets


def import_cycles():
    modules = _modules()
    graph = {name: _top_level_imports(path, modules, name) for name, path in modules.items()}
    # Tarjan's strongly connected components.
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def connect(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(frozenset(component))

    sys.setrecursionlimit(10_000)
    for v in graph:
        if v not in index:
            connect(v)
    return cycles


def test_no_import_cycles_but_the_known_ones():
    unexpected = [sorted(c) for c in import_cycles() if c not in KNOWN_CYCLES]
    assert not unexpected, f"new import cycles among pynn's modules: {unexpected}"


def _layer(module):
    for rank, prefix in enumerate(("pynn.core", "pynn.ops", "pynn.keras", "pynn.tf")):
        if module == prefix or module.startswith(prefix + "."):
            return rank
    return None


def test_top_level_imports_go_down_the_layers():
    """core -> ops -> keras -> tf: a module imports, at its top, only its own layer or those
    below."""
    modules = _modules()
    upward = []
    for name, path in modules.items():
        for target in _top_level_imports(path, modules, name):
            here, there = _layer(name), _layer(target)
            if here is not None and there is not None and there > here:
                upward.append(f"{name} -> {target}")
    assert upward == [], upward


def _all_imports(path):
    """(line, module) of every import statement in the file, inside functions too."""
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read())
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level:
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def test_core_never_imports_the_layers_above_it():
    """Not even inside a function: the ops attach Tensor's operators and register what the
    tape computes with (pynn/ops/tensor_methods.py, pynn/ops/gradients.py)."""
    above = []
    for name, path in _modules().items():
        if _layer(name) == 0:
            for line, module in _all_imports(path):
                if module.startswith(("pynn.ops", "pynn.keras", "pynn.tf")):
                    above.append(f"{os.path.relpath(path, ROOT)}:{line}: {module}")
    assert above == [], above


def _python(script):
    """Run `script` in a fresh Python (nothing imported yet) from the repository root."""
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, cwd=ROOT
    )


def test_core_loads_without_the_ops():
    script = (
        "import sys\n"
        "import pynn.core.autodiff, pynn.core.tensor, pynn.core.tracing\n"
        "print(sorted(m for m in sys.modules if m.startswith(('pynn.ops', 'pynn.keras', 'pynn.tf'))))\n"
    )
    result = _python(script)
    assert result.stdout.strip() == "[]", result.stdout + result.stderr


def test_importing_the_ops_attaches_tensor_operators():
    script = (
        "from pynn.core.tensor import Tensor, Variable, constant, convert_to_tensor\n"
        "had = hasattr(Tensor, '__add__')\n"
        "from pynn import ops\n"
        "a, v = constant([1.0, 2.0]), Variable([3.0, 4.0])\n"
        "print(had, (a + 1).numpy().tolist(), (2 * a).numpy().tolist(), a[1].numpy(),\n"
        "      convert_to_tensor([a, a]).shape, v.value().numpy().tolist(),\n"
        "      constant(a, 'int32').dtype.name)\n"
    )
    result = _python(script)
    assert result.stdout.strip() == "False [2.0, 3.0] [2.0, 4.0] 2.0 (2, 2) [3.0, 4.0] int32", (
        result.stdout + result.stderr
    )


def _late_imports(path):
    """(line number, text) of every import statement inside a function or class body."""
    with open(path, encoding="utf-8") as f:
        source = f.read()
    lines = source.splitlines()
    late = []

    def visit(nodes, inside):
        for node in nodes:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                if inside:
                    late.append((node.lineno, lines[node.lineno - 1].strip()))
                continue
            nested = inside or isinstance(
                node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
            )
            visit(ast.iter_child_nodes(node), nested)

    visit(ast.parse(source).body, False)
    return late


def test_every_late_import_says_why():
    """An import inside a function is allowed where a module must not load another at import
    time; its line says why: `# noqa: PLC0415 - late: <why>` (or another reason than late)."""
    silent = []
    for path in _modules().values():
        for line, text in _late_imports(path):
            if "# noqa: PLC0415 - " not in text or not text.split("# noqa: PLC0415 - ")[1]:
                silent.append(f"{os.path.relpath(path, ROOT)}:{line}: {text}")
    assert silent == [], silent


def test_activation_layers_deserialize_without_importing_layers_first():
    # activations.deserialize imports the activation layers late (they import activations).
    script = (
        "from pynn.keras import activations\n"
        "print(type(activations.deserialize('ReLU')).__name__)\n"
    )
    result = _python(script)
    assert result.stdout.strip() == "ReLU", result.stderr


def test_pynn_run_starts_without_numpy():
    # `python -m pynn run` chooses the BLAS threads before numpy starts: pynn.__main__ and the
    # shim it installs must not import numpy at their top.
    script = "import sys, pynn.__main__, pynn.shim\nprint('numpy' in sys.modules)\n"
    result = _python(script)
    assert result.stdout.strip() == "False", result.stderr


# --------------------------------------------------------------------- the picture
GRAPH_START = (
    "<!-- import graph: generated by `python3 tests/core/test_import_structure.py --graph` -->"
)
GRAPH_END = "<!-- end of the generated import graph -->"


def _reduced(edges):
    """The edges of a DAG that no longer path implies (its transitive reduction)."""
    successors = {}
    for a, b in edges:
        successors.setdefault(a, set()).add(b)

    def reachable(start):
        seen, todo = set(), [start]
        while todo:
            for nxt in successors.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    return {(a, b) for a, b in edges if not any(b in reachable(c) for c in successors[a] if c != b)}


def _mermaid(edges, label):
    lines = ["```mermaid", "flowchart TD"]
    for a, b in sorted(edges):
        ida, idb = a.replace(".", "_"), b.replace(".", "_")
        lines.append(f'    {ida}["{label(a)}"] --> {idb}["{label(b)}"]')
    lines.append("```")
    return lines


def _short(module, package):
    return package if module == package else module.rpartition(".")[2]


def import_graph_markdown():
    """ARCHITECTURE.md's pictures of the import graph: the packages, then the modules of
    pynn.core and of pynn.ops; an arrow is "imports at its top" (transitive arrows left out)."""
    modules = _modules()
    graph = {name: _top_level_imports(path, modules, name) for name, path in modules.items()}

    def package(module):
        return ".".join(module.split(".")[:2])

    packages = {
        (package(a), package(b))
        for a, targets in graph.items()
        for b in targets
        if package(a) != package(b) and "pynn" not in (package(a), package(b))
    }
    lines = [GRAPH_START, "", "Packages (`pynn/__init__.py` holds only the version):", ""]
    lines += _mermaid(_reduced(packages), lambda name: name)
    for prefix in ("pynn.core", "pynn.ops"):
        inside = {
            (a, b)
            for a, targets in graph.items()
            for b in targets
            if package(a) == prefix and package(b) == prefix
        }
        alone = sorted(
            name
            for name in modules
            if package(name) == prefix and name != prefix and not any(name in e for e in inside)
        )
        lines += ["", f"`{prefix}`'s modules:", ""]
        lines += _mermaid(_reduced(inside), lambda name, top=prefix: _short(name, top))
        if alone:
            names = ", ".join(f"`{name.rpartition('.')[2]}`" for name in alone)
            lines += ["", f"and, importing no other module of `{prefix}`: {names}."]
    lines += ["", GRAPH_END]
    return "\n".join(lines)


def test_architecture_md_shows_the_real_import_graph():
    with open(os.path.join(ROOT, "ARCHITECTURE.md"), encoding="utf-8") as f:
        text = f.read()
    start, end = text.find(GRAPH_START), text.find(GRAPH_END)
    assert 0 <= start < end, "ARCHITECTURE.md lost its generated import graph"
    shown = text[start : end + len(GRAPH_END)]
    assert shown == import_graph_markdown(), (
        "ARCHITECTURE.md's import graph is out of date: paste the output of "
        "`python3 tests/core/test_import_structure.py --graph` in its place"
    )


if __name__ == "__main__":
    if sys.argv[1:] == ["--graph"]:
        print(import_graph_markdown())
    else:
        for cycle in import_cycles():
            print(("known: " if cycle in KNOWN_CYCLES else "NEW:   ") + ", ".join(sorted(cycle)))
