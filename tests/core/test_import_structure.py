"""The import structure of pynn: the module-level import graph has no cycle but the ones
listed (and explained) below, and what a late, function-level import guards still works when
nothing else was imported first.

`python3 tests/core/test_import_structure.py` prints every cycle it finds.
"""

import ast
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Cycles that remain on purpose, each with why (ARCHITECTURE.md, "Import structure").
KNOWN_CYCLES = {
    # Tensor's operators (`a + b`, `a @ b`) are pynn.ops primitives, and the ops (through
    # autodiff's `primitive`) build Tensors: tensor.py imports pynn.ops at its bottom, once
    # Tensor exists.
    frozenset(
        {
            "pynn.core.autodiff",
            "pynn.core.tensor",
            "pynn.ops",
            "pynn.ops.array",
            "pynn.ops.conv",
            "pynn.ops.math",
            "pynn.ops.nn",
            "pynn.ops.pooling",
            "pynn.ops.reduction",
        }
    ),
}


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
    below (pynn/core/tensor.py's import of pynn.ops is the known cycle above)."""
    modules = _modules()
    upward = []
    for name, path in modules.items():
        for target in _top_level_imports(path, modules, name):
            here, there = _layer(name), _layer(target)
            if here is not None and there is not None and there > here:
                upward.append(f"{name} -> {target}")
    assert upward == ["pynn.core.tensor -> pynn.ops"], upward


def test_activation_layers_deserialize_without_importing_layers_first():
    # activations.deserialize imports the activation layers late (they import activations).
    script = (
        "from pynn.keras import activations\n"
        "print(type(activations.deserialize('ReLU')).__name__)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert result.stdout.strip() == "ReLU", result.stderr


def test_pynn_run_starts_without_numpy():
    # `python -m pynn run` chooses the BLAS threads before numpy starts: pynn.__main__ and the
    # shim it installs must not import numpy at their top.
    script = "import sys, pynn.__main__, pynn.shim\nprint('numpy' in sys.modules)\n"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert result.stdout.strip() == "False", result.stderr


if __name__ == "__main__":
    for cycle in import_cycles():
        print(("known: " if cycle in KNOWN_CYCLES else "NEW:   ") + ", ".join(sorted(cycle)))
