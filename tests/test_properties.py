"""Property-based tests of the text stages (hypothesis): no input makes them raise, hang or misplace a span.

The properties and strategies are in ``tests/properties.py``; ``bench/fuzz.py``
runs them with more examples. The deadlines are per example and catch
catastrophic regular-expression backtracking, which takes seconds, not the
milliseconds an example takes here.
"""

from datetime import timedelta

from hypothesis import HealthCheck, given, settings, strategies as st

from kg.lexicon import load_lexicon

from . import properties as p

# 4,212 examples in all; derandomize: CI runs the same examples every time
COMMON = dict(derandomize=True, suppress_health_check=[HealthCheck.too_slow],
              deadline=timedelta(seconds=2))


@settings(max_examples=1500, **COMMON)
@given(st.binary(max_size=2000))
def test_reading_any_bytes_gives_a_document_or_a_read_error(data):
    p.check_bytes(data)


@settings(max_examples=1000, **COMMON)
@given(p.any_text)
def test_extracting_any_unicode_text(text):
    p.check_text(text, load_lexicon())  # cached: not a fixture, so a failure prints the text only


@settings(max_examples=1000, **COMMON)
@given(p.edited_report_text())
def test_extracting_real_sentences_with_characters_inserted_deleted_or_swapped(text):
    p.check_text(text, load_lexicon())  # cached: not a fixture, so a failure prints the text only


@settings(max_examples=700, **COMMON)
@given(p.marks_text)
def test_extracting_unbalanced_and_nested_marks(text):
    p.check_text(text, load_lexicon())  # cached: not a fixture, so a failure prints the text only


@settings(max_examples=12, **{**COMMON, "deadline": timedelta(seconds=20)})
@given(p.long_line())
def test_extracting_a_line_of_100000_characters(text):
    p.check_text(text, load_lexicon())  # cached: not a fixture, so a failure prints the text only
