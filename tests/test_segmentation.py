from kg.cleaning import find_excluded
from kg.reading import read_document
from kg.segmentation import segment

from .conftest import REPORTS


def test_sentences_and_tokens_point_into_the_report(lexicon):
    for path in sorted(REPORTS.glob("*.txt")):
        document = read_document(path)
        excluded = find_excluded(document, lexicon)
        sentences = segment(document, excluded, lexicon)
        assert sentences
        for sentence in sentences:
            assert document.text[sentence.begin:sentence.end] == sentence.text
            assert "".join(t.word for t in sentence.tokens) == sentence.text
            for token in sentence.tokens:
                assert document.text[token.begin:token.end] == token.word
            # no sentence reaches into an ad line
            assert not any(b < sentence.end and sentence.begin < e for b, e in excluded)


def test_lexicon_names_stay_one_token(lexicon):
    document = read_document(REPORTS / "000_bda7739a96efcbec.txt")
    words = {t.word for s in segment(document, (), lexicon) for t in s.tokens}
    assert "习近平新时代中国特色社会主义思想" in words
    assert "领导小组" in words


def test_sentences_end_at_full_stops_and_lines(lexicon):
    document = read_document(REPORTS / "000_bda7739a96efcbec.txt")
    sentences = segment(document, (), lexicon)
    assert sentences[0].text == "区委常委会工作报告"
    assert sentences[1].text == "同志们："
    assert all(s.text.endswith(("。", "！", "？")) or "\n" not in s.text for s in sentences)
