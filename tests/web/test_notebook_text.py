"""Pasting a notebook's text export (web/src/notebook-text.js, under Node): on the five seeds
every code cell is extracted, in order, with nothing added or lost, and no printed output is
left as code; the prose stays, as comments; and the tricky cases of the format (code with blank
lines, output that looks like Python, tracebacks, the IPython console form, Markdown fences)."""

import ast
import json
import re
import subprocess

import pytest

from tests.seeds.seed_programs import (
    ROOT,
    SEED_FILES,
    cells_of,
    node,
    programs_of_texts,
    seed_text,
)

pytestmark = pytest.mark.skipif(node() is None, reason="needs node (bash build.sh installs it)")

MARKER = re.compile(r"^In \[[^\]]*\]:\s*$", re.MULTILINE)
PYTHON_FENCE = re.compile(r"^```(python)?\s*$", re.MULTILINE)

# Cells the seeds themselves leave unfinished (SyntaxError in tf.keras 2.15's Python too):
# seed 000 `Dense(16, activation='relu', bias_regularizer=='l2')` (positional argument after a
# keyword one); seed 004's three templates (`model.add(__넣고싶은 레이어__)`); seed 003 is a slide
# deck's text, its code read from images (`def build model(self):`, an indented `def fit`).
SEEDS_OWN_SYNTAX_ERRORS = {
    "000_31bdf3b4e03658e0.txt": [33],
    "003_3039aa779806893f.txt": [1, 2, 4, 5, 7, 8, 9, 11, 12, 13, 15, 18, 19, 20, 21],
    "004_e81e24cb14b30062.txt": [0, 1, 2],
}

# Printed outputs of the seeds (one line of each kind) that must not end up as code.
OUTPUTS = {
    "000_31bdf3b4e03658e0.txt": [
        'Model: "sequential"',
        "4",
        "the",
        "218",
        "(25000,)",
        "True",
        "93",
        "array([[3., 3.],",
        "[1,",
        "{'fawn': 34701,",
        "Train on 25000 samples",
        "<tensorflow.python.keras.callbacks.History at 0x25baaea3a20>",
        "[<tensorflow.python.keras.layers.core.Dense at 0x25b86879ba8>]",
        " array([[-0.27003872, -0.01372349],",
        "Total params: 55,050",
    ],
    "001_a67a49ff03c295ed.txt": [
        "tf.Tensor(",
        "[]",
        "[<tensorflow.python.keras.layers.core.Dense at 0x187bdaf3710>,",
        'Model: "sequential_8"',
    ],
    "002_736ef6ea3d074802.txt": [
        "Using TensorFlow backend.",
        "NameError: name 'headline_data' is not defined",
        "NameError: name 'data_a' is not defined",
        "<keras.callbacks.History at 0x7f8cce8d2b70>",
    ],
    "004_e81e24cb14b30062.txt": ["60000 10000", "Epoch 1/5", "50000 10000"],
}


@pytest.fixture(scope="module")
def programs():
    return dict(zip(SEED_FILES, programs_of_texts([seed_text(n) for n in SEED_FILES]), strict=True))


def code_lines(program):
    """The program's lines that are code (not the cell marks, comments or blank lines)."""
    return [
        line for line in program.splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]


@pytest.mark.parametrize("name", SEED_FILES)
def test_every_code_cell_of_a_seed_is_extracted(programs, name):
    text, program = seed_text(name), programs[name]
    assert program, f"{name}: no cells"
    cells = cells_of(program)
    if MARKER.search(text):
        assert len(cells) == len(MARKER.findall(text)), name
    else:
        # seed 003's one fence that is not Python: Perceptron learning's pseudo-code (a comment)
        not_python = 1 if name.startswith("003_") else 0
        assert len(cells) == len(PYTHON_FENCE.findall(text)) // 2 - not_python, name
    # nothing invented, nothing reordered: the code lines are the seed's lines, in order
    seed_lines = text.splitlines()
    position = 0
    for line in code_lines(program):
        try:
            position = seed_lines.index(line, position) + 1
        except ValueError:
            pytest.fail(f"{name}: {line!r} is not a line of the seed (after line {position})")
    # and every cell is Python, apart from the seed's own unfinished cells
    broken = []
    for index, (_, source) in enumerate(cells):
        try:
            ast.parse(source)
        except SyntaxError:
            broken.append(index)
    assert broken == SEEDS_OWN_SYNTAX_ERRORS.get(name, []), (name, broken)


@pytest.mark.parametrize("name", SEED_FILES)
def test_no_printed_output_is_left_as_code(programs, name):
    code = code_lines(programs[name])
    for output in OUTPUTS.get(name, []):
        assert output not in code, f"{name}: output line {output!r} became code"


def test_the_prose_stays_as_comments(programs):
    seed000 = programs["000_31bdf3b4e03658e0.txt"]
    # the markdown before a cell opens that cell, HTML and markdown escapes removed
    assert (
        "# %%\n# ## Callable\n# 1. 함수\n# 2. 클래스\n# 3. __call__이 정의된 인스턴스\n\n"
        in seed000
    )
    assert "# __call__을 정의한 class의 instance는 callable이다.\nclass A:" in seed000
    assert "<span" not in seed000 and "&nbsp;" not in seed000
    seed002 = programs["002_736ef6ea3d074802.txt"]
    assert "# 1. 첫 레이어에 input_shape 인수(argument)를 튜플 형태로 지정" in seed002
    # prose after the last cell ends the last cell
    seed001 = programs["001_a67a49ff03c295ed.txt"]
    assert seed001.rstrip().endswith("# - 다중 GPU를 이용해 모델의 훈련속도를 향상시킬 수 있음.")
    # outputs are dropped, and prose after them is kept: seed 004's indented outputs
    seed004 = programs["004_e81e24cb14b30062.txt"]
    assert "# 제일 자유로운 모델링이 가능한 subclassing" in seed004
    assert "313/313" not in seed004


def convert(*texts):
    return programs_of_texts(list(texts))


def test_tricky_cases():
    (
        console,
        blank_lines,
        bare_output,
        open_bracket,
        triple_quoted,
        magics,
        traceback,
        empty_prompt,
        prose_between,
    ) = convert(
        # the IPython console form: code on the prompt line, `...:` continuations, Out[n]
        "In [1]: x = 1\n   ...: y = 2\n\nIn [2]: x + y\nOut[2]: 3\n",
        # blank lines inside a cell's code, then its output
        "In [1]:\ndef f(x):\n    a = x\n\n    return a\n\n\nf(2)\n\n2\n",
        # output that reads like Python: a bare word, a list, a number
        "In [1]:\nwords = ['a']\nprint('hello')\nwords\n\nhello\n['a']\n\n7\n",
        # a bracket left open over a blank line
        "In [1]:\nm = dict(\n\n    a=1)\nm\n\n{'a': 1}\n",
        # a triple-quoted string holding prose and blank lines
        'In [1]:\ns = """\nThis is text, not code.\n\nMore text here.\n"""\nprint(s)\n\nThis is text, not code.\n',
        # notebook magics become comments
        "In [1]:\n%matplotlib inline\nimport numpy as np\n",
        # a traceback as output
        "In [2]:\n1/0\n\n-----------------------------------------------------------------\n"
        "ZeroDivisionError                         Traceback (most recent call last)\n"
        "<ipython-input-2> in <module>\n----> 1 1/0\n\nZeroDivisionError: division by zero\n",
        # an unexecuted cell (`In [ ]:`)
        "In [ ]:\nmodel.fit(x, y)\n",
        # prose between cells, with HTML, goes to the top of the next cell
        "In [1]:\nx = 3\n\n## Next <b>step</b>\nWe double it.\n\nIn [2]:\nx * 2\n",
    )
    assert console == "# %%\nx = 1\ny = 2\n\n# %%\nx + y\n"
    assert blank_lines == "# %%\ndef f(x):\n    a = x\n\n    return a\n\n\nf(2)\n"
    assert bare_output == "# %%\nwords = ['a']\nprint('hello')\nwords\n"
    assert open_bracket == "# %%\nm = dict(\n\n    a=1)\nm\n"
    # an English sentence printed by a cell cannot be told from the prose after it: it is kept,
    # as a comment (never as code)
    assert triple_quoted == (
        '# %%\ns = """\nThis is text, not code.\n\nMore text here.\n"""\nprint(s)\n\n'
        "# This is text, not code.\n"
    )
    assert magics == "# %%\n# %matplotlib inline\nimport numpy as np\n"
    assert traceback == "# %%\n1/0\n"
    assert empty_prompt == "# %%\nmodel.fit(x, y)\n"
    assert prose_between == "# %%\nx = 3\n\n# %%\n# ## Next step\n# We double it.\n\nx * 2\n"


def test_markdown_with_fenced_code():
    blog, python_file, other_language = convert(
        "Some words about it.\n\n```python\nx = 1\nx\n```\n\n    1\n\nMore prose here.\n\n"
        "```\nprint(x)\n```\n\n```bash\npip install tensorflow\n```\n",
        # a Python program is pasted as it is
        "import numpy as np\n\nx = np.ones(3)\nprint(x)\n",
        "Text.\n\n```text\nnot code\n```\n",
    )
    assert blog == (
        "# %%\n# Some words about it.\n\nx = 1\nx\n\n"
        "# %%\n# More prose here.\n\nprint(x)\n\n# pip install tensorflow\n"
    )
    assert python_file is None
    assert other_language is None  # no Python cell: nothing to split


def test_shift_enter_walks_the_cells_one_by_one():
    """cells.js: Shift+Enter runs the cell at the cursor and moves the cursor to the next
    cell's `# %%` line; pressing it again runs that next cell (not the same one again)."""
    script = """
import { cellAt, nextCellStart } from './web/src/cells.js';
const code = '# %%\\na = 1\\n\\n# %%\\nb = 2\\n# %%\\nc\\n';
const ran = [];
for (let offset = 0; offset !== null; offset = nextCellStart(code, offset)) {
  ran.push(cellAt(code, offset));
}
console.log(JSON.stringify(ran));
"""
    result = subprocess.run(
        [node(), "--input-type=module", "-e", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert json.loads(result.stdout) == [0, 1, 2]
