"""The statistical candidates of the mentions stage: a linear-chain CRF over characters.

The rules find what a construction marks (a title, a quotation, a head
word); many names of the government genre carry no such mark (国资国企改革,
社会信用体系, 之江实验室). A CRF (CRFsuite, through ``python-crfsuite``)
tags each character of a sentence ``B-``/``I-`` of a type or ``O`` from
features of the characters around it, the jieba token it belongs to, and the
lexicon's head words. Its spans are **candidates in union with the rules**:
:func:`kg.mentions.find_mentions` takes them only where no rule's mention
lies. (A floor on the span's mean marginal probability, tried at 0.3 to
0.85, moved typed F1 by less than 0.003 under cross-validation, so there is
none.)

Builds leave it out: cross-validated by report it no longer raises typed
F1 (0.846 with it, 0.852 without), at more than half of the extraction's
time, so :func:`kg.mentions.find_mentions` runs it only when it is given
one (:func:`shipped_tagger`); README, "The tagger".

The model ships in the package (``data/models/tagger.crfsuite``). It is
trained by ``scripts/train_tagger.py`` on the gold annotations of
``tests/gold`` and the texts they annotate; the same script measures it by
cross-validation by report and by kind of report (README, "The tagger").

Features of character *i* (all strings, CRFsuite's attribute form), nine in all:

- the characters at *i*-1, *i*, *i*+1 and the four bigrams from *i*-2 to *i*+2;
- its place in its jieba token (``B``/``M``/``E``/``S``) with the token's POS tag;
- one attribute joining the character's class (Han, digit, Latin, open or
  close mark, other punctuation), whether *i* is inside quotation or title
  marks, the type of a head word of the lexicon (:mod:`kg.lexicon`)
  ending at *i* and at *i*+1, and the kind of the report
  (:mod:`kg.metadata`: ``government``, ``party-committee`` …), since the
  kinds name their programmes differently (a government report names
  unmarked policies a party committee's leaves plain).

The model is trained on every sentence twice, with its report's kind and
with none. Measured under cross-validation by report: typed F1 0.729 ->
0.734, relations 0.762 -> 0.763 (training each sentence twice with no kind
gave 0.728 and 0.756; the kind as an attribute of its own, 0.735 and 0.766
at a tenth more attributes to look up).

A report whose kind is known but not one the model was trained on (a
court's or a CPPCC's report: ``report_kinds.txt`` has more kinds than the
gold) is left to the rules: under cross-validation by kind, where every
report is of a kind its model never saw, the CRF lowered typed F1 from
0.695 (the rules alone) to 0.682 and relations from 0.737 to 0.729. A
report of no known kind is tagged as of none.

The set was chosen by ablation under cross-validation by report: the
characters at *i*±2, the token itself and the labels of the rules' own
mentions added nothing (typed F1 within ±0.005); joining the last four
attributes into one kept typed F1 (0.710) and cut the tagger's time by a
fifth (``bench/throughput.py``: 3.06 to 2.78 times ``jieba.lcut``).
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..errors import KGError
from ..model import EntityType
from .core import _CLOSING_MARKS, _OPENING_MARKS, _SentenceView, _Tables

__all__ = ["SpanTagger", "NoTagger", "TaggedSpan", "sentence_features", "shipped_tagger", "LABELS"]

#: The label of each type: ``B-ORG`` opens an Organization, ``I-ORG`` goes on with it.
LABELS = {
    EntityType.ORGANIZATION: "ORG",
    EntityType.CAMPAIGN: "CAM",
    EntityType.REGULATION: "REG",
    EntityType.INITIATIVE: "INI",
}
_TYPES = {label: etype for etype, label in LABELS.items()}

_OPEN = set("“‘「『《〈（(【")
_CLOSE = set("”’」』》〉）)】")
_PAD = "^"


_MARK_CHARS = frozenset(_OPENING_MARKS + _CLOSING_MARKS)


@functools.lru_cache(maxsize=8192)
def _char_class(ch: str) -> str:
    """``k=`` and the class of a character: open or close mark, digit, Han, Latin, punctuation or other."""
    return "k=" + _class(ch)


def _class(ch: str) -> str:
    if ch in _OPEN:
        return "open"
    if ch in _CLOSE:
        return "close"
    if ch.isdigit():
        return "digit"
    if "\u4e00" <= ch <= "\u9fff":
        return "han"
    if ch.isascii() and ch.isalpha():
        return "latin"
    return "punct" if unicodedata.category(ch)[0] in "PZS" else "other"


def sentence_features(view: _SentenceView, tables: _Tables, kind: str = "") -> list[list[str]]:
    """The CRF features of each character of a sentence.

    Args:
        view: the sentence, with its jieba tokens (:class:`~kg.mentions.core._SentenceView`).
        tables: the lexicon's head tables (:func:`kg.mentions.core._tables`).
        kind: the kind of its report (``""`` for none or unknown).

    Returns:
        One tuple of attribute strings per character of ``view.text``.
    """
    text = view.text
    if "\n" in text or "\r" in text:  # a title link's line breaks (《\n会计法\n》): CRFsuite's model dump is line-based
        text = text.replace("\r", " ").replace("\n", " ")
    n = len(text)
    padded = _PAD * 2 + text + _PAD * 2
    word = ["S"] * n  # place in the jieba token and its POS tag
    for token in view.tokens:
        b, e = token.begin - view.base, token.end - view.base
        if e - b == 1:
            word[b] = "S" + token.pos
        else:
            word[b:e] = ["B" + token.pos] + ["M" + token.pos] * (e - b - 2) + ["E" + token.pos]
    head_end = [""] * (n + 1)
    for end, (etype, _) in view.heads_at_ends(tables):
        head_end[end - 1] = LABELS[etype]
    marks = ["00"] * n
    if _MARK_CHARS.intersection(text):
        quote = title = 0
        for i, ch in enumerate(text):
            if ch in "“‘「『":
                quote += 1
            elif ch in "”’」』":
                quote = max(0, quote - 1)
            elif ch in "《〈":
                title += 1
            elif ch in "》〉":
                title = max(0, title - 1)
            marks[i] = "%d%d" % (quote > 0, title > 0)
    bigrams = [padded[i:i + 2] for i in range(n + 3)]  # bigrams[i] = padded[i:i+2]
    return list(zip(  # one tuple of attributes per character (pycrfsuite takes any sequence of strings)
        ["c=" + ch for ch in text],
        ["c-1=" + ch for ch in padded[1:n + 1]],
        ["c+1=" + ch for ch in padded[3:n + 3]],
        ["b-1=" + b for b in bigrams[1:n + 1]],
        ["b+1=" + b for b in bigrams[2:n + 2]],
        ["b-2=" + b for b in bigrams[0:n]],
        ["b+2=" + b for b in bigrams[3:n + 3]],
        ["w=" + w for w in word],
        [k + m + h + "|" + h1 + "|" + kind for k, m, h, h1 in zip(map(_char_class, text), marks, head_end, head_end[1:])],
    ))


@dataclass(frozen=True)
class TaggedSpan:
    """A span the CRF tagged: sentence offsets (characters) and its type."""

    begin: int
    end: int
    type: EntityType


class SpanTagger:
    """A CRFsuite model that tags the spans of names in a sentence.

    Args:
        model: the path of a CRFsuite model file (``scripts/train_tagger.py`` writes one).

    Raises:
        OSError: the model file cannot be opened.
    """

    def __init__(self, model: str | Path):
        import pycrfsuite  # the CRF runtime: imported where a model is loaded

        self.path = Path(model)
        self._tagger = pycrfsuite.Tagger()
        try:
            self._tagger.open(str(self.path))
        except Exception as exc:  # pycrfsuite raises a bare ValueError/IOError without the path
            raise OSError(f"{self.path}: cannot open the tagger model ({exc})") from exc
        #: the kinds of report the model was trained on: the last field of its class attributes (``k=…|kind``)
        self.kinds = frozenset(a.rsplit("|", 1)[1] for a, _ in self._tagger.info().state_features if a.startswith("k="))

    def spans(self, view: _SentenceView, tables: _Tables, kind: str = "") -> list[TaggedSpan]:
        """The spans of one sentence (sentence offsets), in order, each at least 2 characters long.

        ``kind`` is the kind of the sentence's report (``""``: none known); for
        a kind the model was not trained on there are no spans, the rules
        alone do better there (see the module's notes).
        """
        if not view.text or kind not in self.kinds:
            return []
        labels = self._tagger.tag(sentence_features(view, tables, kind))
        spans = []
        i = 0
        while i < len(labels):
            label = labels[i]
            if label == "O":
                i += 1
                continue
            kind = label[2:]
            j = i + 1
            while j < len(labels) and labels[j] == "I-" + kind:
                j += 1
            if j - i >= 2:
                spans.append(TaggedSpan(i, j, _TYPES[kind]))
            i = j
        return spans


class NoTagger:
    """The rules alone: a tagger that tags nothing (for measuring what the CRF adds)."""

    def spans(self, view: _SentenceView, tables: _Tables, kind: str = "") -> list[TaggedSpan]:
        return []


def shipped_model() -> Path:
    """The path of the model that ships in the package (``data/models/tagger.crfsuite``)."""
    from ..resources import models_dir

    return models_dir() / "tagger.crfsuite"


@functools.lru_cache(maxsize=1)
def shipped_tagger() -> SpanTagger:
    """The shipped model, loaded once per process.

    Raises:
        KGError: the package holds no model (a broken install).
    """
    path = shipped_model()
    if not path.is_file():
        raise KGError(f"{path}: kg's tagger model is missing: reinstall kg")
    return SpanTagger(path)
