"""Cells: a program split at `# %%` lines, run one at a time in one living session.

A cell's last bare expression shows its value, as Jupyter does (unless the line ends with
';'). Cells are compiled with their own line numbers of the whole editor text, so
tracebacks point at the editor's lines."""

import ast
import re

CELL_MARK = re.compile(r"^#\s*%%")


def has_cells(code):
    return any(CELL_MARK.match(line) for line in code.splitlines())


def split_cells(code):
    """[(first line index, source)] of the cells; a marker line starts a new cell."""
    lines = code.splitlines(True)
    starts = [0] + [i for i, line in enumerate(lines) if i > 0 and CELL_MARK.match(line)]
    ends = starts[1:] + [len(lines)]
    return [(start, "".join(lines[start:end])) for start, end in zip(starts, ends, strict=True)]


def run_cell(source, first_line, namespace, filename, display):
    """Executes one cell in `namespace`; with `display`, prints its last expression's value."""
    tree = ast.parse("\n" * first_line + source, filename)
    last = None
    if (
        display
        and tree.body
        and isinstance(tree.body[-1], ast.Expr)
        and not source.rstrip().endswith(";")
    ):
        last = ast.Expression(tree.body.pop().value)
    exec(compile(tree, filename, "exec", dont_inherit=True), namespace)  # noqa: S102
    if last is not None:
        value = eval(compile(last, filename, "eval", dont_inherit=True), namespace)
        if value is not None:
            namespace["_"] = value
            print(repr(value))
