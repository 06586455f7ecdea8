"""The CRF of the mentions stage (kg/mentions/tagger.py) and its training (kg/training.py), on real text."""

import json

import pytest

from kg.cleaning import find_excluded
from kg.errors import KGError
from kg.mentions import find_mentions
from kg.mentions.core import _SentenceView, _tables
from kg.mentions.tagger import NoTagger, SpanTagger, shipped_model, shipped_tagger
from kg.model import EntityType
from kg.reading import read_document
from kg.segmentation import segment
from kg.training import gold_digest, label_sentence, load_examples, report_paths, train

from .conftest import EXCERPTS, GOLD, REPORTS


def _sentences(lexicon, folder=REPORTS, pattern="*.txt"):
    for path in sorted(folder.glob(pattern)):
        document = read_document(path)
        yield from segment(document, find_excluded(document, lexicon), lexicon)


def test_labels_take_in_the_marks_the_canonical_name_drops_and_the_longest_name_first():
    text = "增强“四个意识”，深入开展扫黑除恶专项斗争。"
    names = [("扫黑除恶专项斗争", EntityType.CAMPAIGN), ("四个意识", EntityType.INITIATIVE),
             ("专项斗争", EntityType.CAMPAIGN)]
    labels = label_sentence(text, names)
    spans, i = [], 0
    while i < len(labels):
        if labels[i].startswith("B-"):
            j = i + 1
            while j < len(labels) and labels[j].startswith("I-"):
                j += 1
            spans.append((text[i:j], labels[i][2:]))
            i = j
        else:
            i += 1
    assert spans == [("“四个意识”", "INI"), ("扫黑除恶专项斗争", "CAM")]


def test_a_name_written_with_quotation_marks_inside_is_found_by_its_canonical_name():
    labels = label_sentence("开展“四查四促”专项行动。", [("四查四促专项行动", EntityType.CAMPAIGN)])
    assert labels[2:12] == ["B-CAM"] + ["I-CAM"] * 9 and labels[:2] == ["O", "O"] and labels[12] == "O"


def test_the_crf_only_fills_what_the_rules_left(lexicon):
    """Every mention the rules find in the samples is found unchanged with the CRF; what the CRF adds overlaps none."""
    added = 0
    for sentence in _sentences(lexicon):
        rules = find_mentions(sentence, lexicon, NoTagger())
        both = find_mentions(sentence, lexicon, shipped_tagger())
        assert [m for m in both if m.rule != "crf"] == rules
        for m in (m for m in both if m.rule == "crf"):
            added += 1
            assert not any(r.begin < m.end and m.begin < r.end for r in rules), (m, rules)
    assert added > 20


def test_tagged_names_open_and_close_on_word_boundaries_and_stay_in_one_clause(lexicon):
    """Over the excerpts: a tagged name never cuts a jieba token, opens with a relation verb or crosses ，；："""
    seen = 0
    for sentence in _sentences(lexicon, EXCERPTS):
        view = _SentenceView(sentence)
        for m in find_mentions(sentence, lexicon, shipped_tagger()):
            if m.rule != "crf":
                continue
            seen += 1
            begin, end = m.begin - view.base, m.end - view.base
            assert begin in view.start_set or view.text[begin] in "“‘「『《〈", m
            assert end in view.end_set or view.text[end - 1] in "”’」』》〉", m
            assert not any(ch in m.name for ch in "，。；：！？"), m
            assert not any(m.name.startswith(verb) for verb in ("落实", "推进", "开展", "实施")), m
    assert seen > 100


class _FixedTagger:
    """A tagger that tags the given spans (sentence offsets) of every sentence."""

    def __init__(self, spans):
        self._spans = spans

    def spans(self, view, tables, kind=""):
        from kg.mentions.tagger import TaggedSpan

        return [TaggedSpan(b, e, t) for b, e, t in self._spans]


@pytest.mark.parametrize("text, span, kept", [
    # the head vetoes rule out a tagged name as they rule out the head rule's: two system heads
    # (double-head), a rank before 工程 (rank-works); a tagged name with no veto stays
    ("健全党建引领基层治理机制体制。", (2, 14), False),
    ("推进河北重大人才工程。", (2, 10), False),
    ("关注人才引进工程。", (2, 8), True),
    # a count opens no name (001)
    ("吸引134家互联网企业入驻网信大厦。", (2, 17), False),
    ("开展两个攻坚战。", (2, 7), False),
    # a tagged programme with no head that holds a boundary word or relation verb states an act
    # (a region's report 2025, a county's report 2021); one with a head, or none inside, stays
    ("城市更新两个项目入选全国典型案例。", (0, 16), False),
    ("推进京雄农谷建设。", (2, 6), True),
    ("完善京港、京澳全方位合作机制。", (2, 14), True),
])
def test_a_head_veto_a_count_or_a_stated_act_rules_out_a_tagged_name(lexicon, text, span, kept):
    from kg.model import Document

    sentence = segment(Document("t.txt", text, "utf-8", ""), (), lexicon)[0]
    found = [m for m in find_mentions(sentence, lexicon, _FixedTagger([(*span, EntityType.INITIATIVE)]))
             if m.rule == "crf"]
    assert bool(found) is kept, found


@pytest.mark.parametrize("text, span, etype, kept", [
    # a tagged drive needs a drive's head, a tagged document a document's head (a county's report
    # 2017, a district's report 2021, a city's report 2026); an initiative needs none
    ("推进商务楼宇社区化管理。", (2, 11), EntityType.CAMPAIGN, False),
    ("推进商务楼宇社区化管理。", (2, 11), EntityType.INITIATIVE, True),
    ("深入开展第三轮回天行动。", (4, 11), EntityType.CAMPAIGN, True),
    ("学习数字经济高质量发展政策。", (2, 13), EntityType.REGULATION, False),
    ("学习数字经济高质量发展政策。", (2, 13), EntityType.INITIATIVE, True),
    ("落实雄安新区周边规划建设管控措施（试行）。", (2, 20), EntityType.REGULATION, True),
])
def test_a_tagged_drive_or_document_carries_its_head(lexicon, text, span, etype, kept):
    from kg.model import Document

    sentence = segment(Document("t.txt", text, "utf-8", ""), (), lexicon)[0]
    found = [m for m in find_mentions(sentence, lexicon, _FixedTagger([(*span, etype)])) if m.rule == "crf"]
    assert bool(found) is kept, found


def test_training_gives_the_same_model_twice_and_the_model_tags(tmp_path, lexicon):
    from kg.evaluation import load_gold

    gold = {name: g for name, g in load_gold(GOLD).items() if name.startswith(("000", "d01"))}
    examples = load_examples(gold, report_paths(gold, (REPORTS, EXCERPTS)), lexicon)
    first, second = tmp_path / "a.crfsuite", tmp_path / "b.crfsuite"
    train(examples, sorted(gold), first)
    train(examples, sorted(gold), second)
    assert first.read_bytes() == second.read_bytes()
    tagger = SpanTagger(first)
    sentence = next(s for s in _sentences(lexicon) if "扫黑除恶专项斗争" in s.text)
    spans = tagger.spans(_SentenceView(sentence), _tables(lexicon))
    assert any(sentence.text[s.begin:s.end] == "扫黑除恶专项斗争" and s.type is EntityType.CAMPAIGN for s in spans)
    # each sentence is learnt with its report's kind (as metadata reads it) and with none
    assert tagger.kinds == {"", "government", "party-committee"}
    assert sum(map(len, examples.values())) == 2 * sum(
        len(segment(d, find_excluded(d, lexicon), lexicon))
        for d in map(read_document, report_paths(gold, (REPORTS, EXCERPTS)).values()))


def test_the_report_kind_is_a_feature_and_a_kind_never_trained_on_is_left_to_the_rules(lexicon):
    """The shipped model knows the gold's kinds; on a sample report the kind changes some of its
    spans; a report of no known kind is tagged as of none, one of a kind it never saw not at all."""
    tagger, tables = shipped_tagger(), _tables(lexicon)
    assert tagger.kinds == {"", "government", "party-committee", "party-congress"}
    views = [_SentenceView(s) for s in _sentences(lexicon, REPORTS, "000_*.txt")]
    as_its_kind = [tagger.spans(v, tables, "party-committee") for v in views]
    as_none = [tagger.spans(v, tables) for v in views]
    assert as_its_kind != as_none
    assert any(as_none)
    assert not any(tagger.spans(v, tables, "court") for v in views)


def test_a_missing_gold_report_is_named():
    with pytest.raises(FileNotFoundError, match="nowhere.txt"):
        report_paths({"nowhere.txt": {}}, (REPORTS,))


def test_an_unreadable_model_is_named(tmp_path):
    bad = tmp_path / "bad.crfsuite"
    bad.write_bytes(b"not a model")
    with pytest.raises(OSError, match="bad.crfsuite"):
        SpanTagger(bad)


def test_the_shipped_model_was_trained_on_the_current_gold():
    """When tests/gold takes a corrected ../shared/gold, the model must be trained again (scripts/train_tagger.py)."""
    card = json.loads(shipped_model().with_suffix(".json").read_text(encoding="utf-8"))
    assert card["gold_sha256"] == gold_digest(GOLD), "run: python scripts/train_tagger.py"
    assert card["reports"] == len(list(GOLD.glob("*.json")))
    assert isinstance(shipped_tagger(), SpanTagger)


def test_a_package_without_its_model_says_so(monkeypatch, tmp_path):
    import kg.mentions.tagger as tagger

    monkeypatch.setattr(tagger, "shipped_model", lambda: tmp_path / "tagger.crfsuite")
    tagger.shipped_tagger.cache_clear()
    try:
        with pytest.raises(KGError, match="tagger model is missing"):
            tagger.shipped_tagger()
    finally:
        monkeypatch.undo()
        tagger.shipped_tagger.cache_clear()
