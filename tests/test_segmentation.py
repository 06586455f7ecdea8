import re

from kg.cleaning import find_excluded
from kg.reading import read_document
from kg.segmentation import segment, segmenter_for

from .conftest import EXCERPTS, REPORTS


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


def test_a_title_link_on_a_line_of_its_own_stays_in_its_sentence(lexicon):
    # the State Council's report of 2000 as gov.cn gives it: each title a link on its own line
    document = read_document(EXCERPTS / "d20_国务院_2000.txt")
    sentence = next(s for s in segment(document, (), lexicon) if "会计法" in s.text)
    assert sentence.text == "切实贯彻《\n会计法\n》，提高会计信息质量。"
    # a line break elsewhere still ends the sentence
    assert sentence.end < len(document.text) and not sentence.text.startswith("增强")


def test_segmenter_gives_jiebas_own_tokens(lexicon):
    """rjieba, given jieba's dictionary and total, must cut exactly as jieba does."""
    segmenter = segmenter_for(lexicon)
    lines = [
        sentence
        for path in sorted(REPORTS.glob("*.txt"))
        for sentence in re.split(r"(?<=[。！？\n])", read_document(path).text)
    ]
    lines += [
        # Latin letters, digits and placeholders, where jieba-rs and jieba's HMM part ways
        "2023年GDP增长5.2%，A-B区、COVID-19疫情、3.5亿元、No.1、C++、R&D投入达到12.5%。",
        "XX区委、X-X年、XX-XX、X.X万元、1-10月，WTO和APEC。",
        "见https://www.example.com/a_b?x=1，或email@x.cn，全角ＧＤＰ１２３。",
    ]
    differing = [line for line in lines if segmenter.tokenize(line) != list(segmenter.tokenizer.tokenize(line))]
    assert len(lines) > 800
    assert differing == []


def test_an_enumerations_deng_is_cut_from_a_word_jieba_lacks(lexicon):
    """jieba's HMM glues 等 to the last item of a list (创业担保贷等, a province's report 2026); it is
    cut off, so that the list ends there. Words of the dictionary that end in 等 stay whole."""
    segmenter = segmenter_for(lexicon)
    line = "科技人才贷、创业担保贷等服务模式加速推广，促进机会平等。"
    assert [w for w, _, _ in segmenter.tokenizer.tokenize(line)][5:7] == ["贷等", "服务"]
    words = [w for w, _, _ in segmenter.tokenize(line)]
    assert words[5:8] == ["贷", "等", "服务"]
    assert "平等" in words


def test_split_words_are_cut_into_their_dictionary_words(lexicon):
    """A word of split_words.txt never comes out whole: its head ends a token (试点|工作)."""
    segmenter = segmenter_for(lexicon)
    assert "试点工作" in lexicon.split_words
    for word in lexicon.split_words:
        tokens = [w for w, _, _ in segmenter.tokenize(f"开展{word}。")]
        assert word not in tokens and word in "".join(tokens)
    assert [w for w, _, _ in segmenter.tokenize("开展试点工作。")] == ["开展", "试点", "工作", "。"]
