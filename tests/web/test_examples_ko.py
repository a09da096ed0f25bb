"""The playground's examples in the Korean UI (web/examples/ko/*.py, chosen by
web/src/examples.js when the page is in Korean) are the English examples with their comments
in Korean: the same code token for token (so a Korean student runs exactly what the English
page runs), and every comment translated. The seeds (web/examples/seeds/) are Korean already."""

import io
import json
import os
import re
import tokenize

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLES = os.path.join(ROOT, "web", "examples")
HANGUL = re.compile(r"[\uac00-\ud7af]")
with open(os.path.join(ROOT, "site.config.json"), encoding="utf-8") as f:
    PROGRAMS = [e["file"] for e in json.load(f)["examples"] if not e["file"].startswith("seeds/")]


def tokens(path):
    with open(path, encoding="utf-8") as f:
        return list(tokenize.generate_tokens(io.StringIO(f.read()).readline))


def code_of(toks):
    skip = (tokenize.COMMENT, tokenize.NL, tokenize.ENCODING)
    return [(tok.type, tok.string) for tok in toks if tok.type not in skip]


@pytest.mark.parametrize("name", PROGRAMS)
def test_korean_example_has_the_same_code_and_korean_comments(name):
    english = tokens(os.path.join(EXAMPLES, name))
    korean_path = os.path.join(EXAMPLES, "ko", name)
    assert os.path.exists(korean_path), f"web/examples/ko/{name} is missing"
    korean = tokens(korean_path)
    assert code_of(korean) == code_of(english), f"ko/{name}: the code differs from {name}"
    comments = [tok.string for tok in english if tok.type == tokenize.COMMENT]
    korean_comments = [tok.string for tok in korean if tok.type == tokenize.COMMENT]
    assert len(korean_comments) == len(comments)
    untranslated = [c for c in korean_comments if not HANGUL.search(c)]
    assert not untranslated, f"ko/{name}: comments not in Korean: {untranslated}"
