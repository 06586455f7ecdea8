"""Properties of the text stages that hold for any input, and the strategies that look for a counterexample.

Shared by ``tests/test_properties.py`` (a few thousand examples in CI) and
``bench/fuzz.py`` (as many as asked, with a fixed seed). The properties:
reading any bytes gives a :class:`~kg.model.Document` or a
:class:`~kg.errors.ReadError`, nothing else; extracting any text raises
nothing, every mention's offsets give its surface (``text[begin:end] ==
anchorOf``), every relation's offsets give its evidence, and the report's
graph fragment renders.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import strategies as st

from kg.errors import ReadError
from kg.extraction import extract_document
from kg.model import Document
from kg.rdf.graph import render_fragment
from kg.reading import document_from_bytes

REPORTS = Path(__file__).resolve().parent.parent / "data" / "reports"


def _sentences() -> list[str]:
    """The sentences of the sample reports (split at 。 and line ends), the real text the edits start from."""
    out = []
    for path in sorted(REPORTS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            out += [s + "。" for s in line.split("。") if len(s) > 8]
    return out


SENTENCES = _sentences()
#: The marks names are written with, and a few words the rules look for around them.
MARKS = "“”‘’\"'「」『』《》〈〉()（）[]【】、，。；：！？\n \t"
WORDS = ["区委", "专项行动", "制度", "机制", "工程", "意见", "方案", "印发", "开展", "实施", "党中央", "国务院",
         "我代表", "向大会报告工作", "X区", "年", "2019", "第十九届中央委员会", "试点", "攻坚战"]

#: Any Unicode text. Lone surrogates (category Cs) are no characters, and no decoded file holds one
#: (:mod:`kg.reading` replaces undecodable bytes with U+FFFD): none is drawn.
any_text = st.text(max_size=3000)


@st.composite
def edited_report_text(draw) -> str:
    """A few real sentences with characters inserted, deleted or swapped (marks and words of the rules among them)."""
    chars = list("".join(draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=8))))
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(st.sampled_from(["insert", "delete", "swap", "word"]))
        at = draw(st.integers(0, max(0, len(chars) - 1)))
        if kind == "insert":
            chars.insert(at, draw(st.one_of(st.sampled_from(MARKS), st.characters(exclude_categories=["Cs"]))))
        elif kind == "delete" and chars:
            del chars[at]
        elif kind == "swap" and len(chars) > 1:
            other = draw(st.integers(0, len(chars) - 1))
            chars[at], chars[other] = chars[other], chars[at]
        else:
            chars[at:at] = draw(st.sampled_from(WORDS))
    return "".join(chars)


PAIRS = [("“", "”"), ("‘", "’"), ("《", "》"), ("〈", "〉"), ("「", "」"), ("『", "』"), ("（", "）"), ("(", ")"),
         ('"', '"'), ("'", "'"), ("【", "】")]
_leaf = st.one_of(st.just(""), st.sampled_from(WORDS), st.sampled_from(MARKS))


def _wrapped(inner):
    """``inner`` inside a pair of marks, either of which may be missing (unbalanced)."""
    return st.builds(lambda pair, body, opened, closed: (pair[0] if opened else "") + body + (pair[1] if closed else ""),
                     st.sampled_from(PAIRS), inner, st.booleans() | st.just(True), st.booleans() | st.just(True))


#: Text of marks and rule words: quotes and brackets nested, empty (“‘’”), unbalanced, mismatched.
marks_text = st.recursive(_leaf, lambda inner: _wrapped(inner) | st.lists(inner, max_size=4).map("".join),
                          max_leaves=40)


@st.composite
def long_line(draw) -> str:
    """One line of 100,000 characters: a real sentence repeated, or a mark, with no line break."""
    unit = draw(st.one_of(st.sampled_from(SENTENCES).map(lambda s: s.replace("。", "，")),
                          st.sampled_from(["“", "《", "（", "、", "区委", "“专项行动"])))
    return (unit * (100_000 // len(unit) + 1))[:100_000]


def check_bytes(data: bytes) -> None:
    """Reading any bytes gives a Document whose text is a str, or a ReadError that names the file."""
    try:
        document = document_from_bytes(data, "fuzz.txt")
    except ReadError as exc:
        assert "fuzz.txt" in str(exc)
        return
    assert isinstance(document.text, str) and all("fuzz.txt" in w for w in document.warnings)


def check_text(text: str, lexicon) -> None:
    """Extracting ``text`` raises nothing, its spans are its surfaces, and its graph fragment renders."""
    result = extract_document(Document("fuzz.txt", text, "utf-8", "0" * 64), lexicon)
    for entity in result.entities:
        assert entity.name, entity
        for mention in entity.mentions:
            assert text[mention.begin:mention.end] == mention.surface, mention
    for relation in result.relations:
        assert text[relation.begin:relation.end] == relation.evidence, relation
    for sentence in result.sentences:
        assert text[sentence.begin:sentence.end] == sentence.text
    render_fragment(result, {e.key: e.type for e in result.entities})
