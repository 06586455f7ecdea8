"""The lexicon loader: every file is checked, and a bad entry is named with its file."""

import shutil

import pytest

from kg.errors import LexiconError
from kg.lexicon import DEFAULT_LEXICON_DIR, load_lexicon
from kg.model import Document
from kg.segmentation import segment


@pytest.fixture
def lexicon_copy(tmp_path):
    folder = tmp_path / "lexicon"
    shutil.copytree(DEFAULT_LEXICON_DIR, folder)
    return folder


def test_a_malformed_pos_correction_names_its_file_and_entry(lexicon_copy):
    (lexicon_copy / "pos_corrections.txt").write_text("养老\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"pos_corrections\.txt: entry 1"):
        load_lexicon(lexicon_copy)


def test_a_missing_lexicon_file_is_named(lexicon_copy):
    (lexicon_copy / "relation_verbs.txt").unlink()
    with pytest.raises(LexiconError, match=r"relation_verbs\.txt: lexicon file not found"):
        load_lexicon(lexicon_copy)


def test_pos_corrections_replace_the_tags_of_jiebas_dictionary(lexicon):
    tokens = [t for s in segment(Document("t.txt", "建设养老服务中心。", "utf-8", ""), (), lexicon) for t in s.tokens]
    assert ("养老", "vn") in [(t.word, t.pos) for t in tokens]
    assert lexicon.pos_corrections["养老"] == "vn"
