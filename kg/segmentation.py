"""Stage 4, segment: clean text -> sentences with jieba tokens, all with offsets.

Sentences end at 。！？!? and at line breaks; advertising lines (from
:mod:`kg.cleaning`) are left out. Tokens come from jieba's ``tokenize`` (with
the HMM for unknown words) on a tokenizer of our own that knows the lexicon's
names and heads as words, so a gazetteer name is never split. POS tags are
looked up in jieba's dictionary (``jieba.posseg``'s word-tag table) rather
than computed by its slower POS tagger; a word the dictionary lacks gets
``""``.
"""

from __future__ import annotations

import functools
import logging
import re

import jieba
import jieba.posseg

from .lexicon import Lexicon
from .model import Document, Sentence, Token

__all__ = ["segment", "tokenizer_for"]

jieba.setLogLevel(logging.WARNING)

_SENTENCE_END = re.compile(r"[。！？!?]+[”’」』]?|\r\n|\n|\r")


@functools.lru_cache(maxsize=4)
def tokenizer_for(lexicon: Lexicon) -> jieba.Tokenizer:
    """Return a jieba tokenizer that keeps every lexicon word whole (cached).

    Source of the base dictionary: jieba 0.42's ``dict.txt``.
    """
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word in lexicon.user_words:
        tokenizer.add_word(word, freq=max(tokenizer.suggest_freq(word, tune=False), 1000))
    return tokenizer


def _pos_table() -> dict[str, str]:
    return jieba.posseg.dt.word_tag_tab


def _spans(text: str, excluded: tuple[tuple[int, int], ...]):
    """Yield the ``(begin, end)`` spans of text outside the excluded spans."""
    begin = 0
    for b, e in excluded:
        if b > begin:
            yield begin, b
        begin = max(begin, e)
    if begin < len(text):
        yield begin, len(text)


def segment(
    document: Document, excluded: tuple[tuple[int, int], ...], lexicon: Lexicon
) -> tuple[Sentence, ...]:
    """Split a report into sentences and tokens.

    Args:
        document: the decoded report.
        excluded: sorted spans (characters) to leave out (ad lines).
        lexicon: the lexicon whose words jieba keeps whole.

    Returns:
        The sentences in text order; each has ``text == document.text[begin:end]``
        (surrounding white space trimmed) and tokens with document offsets.

    Examples:
        >>> from kg.lexicon import load_lexicon
        >>> doc = Document("r.txt", "深入开展扫黑除恶专项斗争。成立领导小组", "utf-8", "")
        >>> [s.text for s in segment(doc, (), load_lexicon())]
        ['深入开展扫黑除恶专项斗争。', '成立领导小组']
    """
    tokenizer = tokenizer_for(lexicon)
    tags = _pos_table()
    text = document.text
    sentences = []
    for span_begin, span_end in _spans(text, excluded):
        chunk = text[span_begin:span_end]
        start = 0
        for match in _SENTENCE_END.finditer(chunk):
            pieces = [(start, match.end() if match.group().strip() else match.start())]
            start = match.end()
            sentences.extend(_sentence(text, span_begin + b, span_begin + e, tokenizer, tags) for b, e in pieces)
        sentences.append(_sentence(text, span_begin + start, span_end, tokenizer, tags))
    return tuple(s for s in sentences if s is not None)


def _sentence(text, begin, end, tokenizer, tags) -> Sentence | None:
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and text[end - 1].isspace():
        end -= 1
    if begin >= end:
        return None
    sentence_text = text[begin:end]
    tokens = tuple(
        Token(word, begin + b, begin + e, tags.get(word, ""))
        for word, b, e in tokenizer.tokenize(sentence_text)
    )
    return Sentence(begin, end, sentence_text, tokens)
