"""Title, author, kind, year and place of a report (kg/metadata.py), on the samples and on the excerpts of other kinds."""

import json

import pytest

from kg.metadata import extract_metadata, normalise_organ, strip_placeholder
from kg.model import Document, Sentence

from .conftest import GOLD, ROOT

EXCERPTS = ROOT / "tests" / "excerpts"


@pytest.mark.parametrize(
    "name, title, author, year",
    [
        ("000_bda7739a96efcbec.txt", "区委常委会工作报告", "区委常委会", 2019),
        ("001_60ffe4ad60b6dedb.txt", "X区委2020年落实全面从严治党主体责任情况报告", "区委", 2020),
        # a speech at a meeting: the title names the meeting, the speaker reports for 区委常委会
        ("002_9ff72cfa76f7b3fe.txt", "区委全体会议上的讲话", "区委常委会", 2019),
        ("003_d135b40d4c98ecd1.txt", "在区委X届X次全会第X次全体会议上的讲话", "区委常委会", None),
        ("004_2967b34aefa6a6f9.txt", "抓党建工作情况专题报告", "区委常委会", 2019),
    ],
)
def test_metadata_of_the_sample_reports(results, name, title, author, year):
    meta = results[name].metadata
    assert (meta.title, meta.author, meta.year, meta.kind) == (title, author, year, "party-committee")
    assert meta.jurisdiction is None  # anonymised: no real place
    begin, end = meta.author_span
    assert results[name].document.text[begin:end] == author


def _extract(path, lexicon):
    from kg.extraction import extract_report

    return extract_report(path, lexicon)


@pytest.mark.parametrize("path", sorted(EXCERPTS.glob("*.txt")), ids=lambda p: p.stem)
def test_the_kind_and_author_of_every_excerpt_match_the_gold(lexicon, path):
    """Government, party-congress reports; web-page and field lines; 我代表…向大会, 发文单位, the title."""
    gold = json.loads((GOLD / path.with_suffix(".json").name).read_text(encoding="utf-8"))
    meta = _extract(path, lexicon).metadata
    assert meta.kind == gold["kind"]
    assert meta.author == gold["author"]


@pytest.mark.parametrize("text, author, kind", [
    # the speaker's words come before the title
    ("2026年某省政府工作报告\n各位代表：\n现在，我代表省人民政府向大会报告工作。\n", "省人民政府", "government"),
    ("政府工作报告\n现在，我代表国务院，向大会报告政府工作。\n", "国务院", "government"),
    ("在中国共产党第二十次全国代表大会上的报告\n同志们：\n现在，我代表第十九届中央委员会向大会作报告。\n",
     "第十九届中央委员会", "party-congress"),
    # a 发文单位 field line, the title, the signature line
    ("标题：安平县2019年政府工作报告\n发文单位：安平县人民政府\n正文：\n各位代表：\n", "安平县人民政府", "government"),
    ("2026年北京市政府工作报告\n各位代表：\n", "北京市政府", "government"),
    ("政府工作报告\n河北省人民政府省长 王某某\n各位代表：\n", "河北省人民政府", "government"),
    ("清河市人大常委会工作报告\n各位代表：\n", "清河市人大常委会", "people's-congress"),
])
def test_the_author_is_read_where_the_guide_says_and_written_as_the_report_writes_it(lexicon, text, author, kind):
    from kg.extraction import extract_document

    result = extract_document(Document("r.txt", text, "utf-8", ""), lexicon)
    assert (result.metadata.author, result.metadata.kind) == (author, kind)
    begin, end = result.metadata.author_span
    assert text[begin:end] == author
    entity = next(e for e in result.entities if e.name == author or author in e.aliases)
    assert any(m.begin == begin and m.end == end for m in entity.mentions)


def test_no_author_is_invented_and_no_relation_gets_an_unstated_subject(lexicon):
    """A report that names no body: no 区委 by default (it was given to every report of other kinds)."""
    from kg.extraction import extract_document

    text = "关于当前工作的几点思考\n要深入开展扫黑除恶专项斗争，认真贯彻《中国共产党纪律处分条例》。\n"
    result = extract_document(Document("r.txt", text, "utf-8", ""), lexicon)
    assert result.metadata.author is None and result.metadata.author_span is None
    assert {e.name for e in result.entities} == {"扫黑除恶专项斗争", "中国共产党纪律处分条例"}
    assert result.relations == ()
    assert result.document.warnings == ("r.txt: no author found (no 我代表…向大会, 受…委托, 发文单位, title or "
                                        "signature names one); relations with an unstated subject are left out",)


def test_web_page_lines_hold_no_mentions_and_give_no_title(lexicon):
    from kg.extraction import extract_document

    text = ("下载\n打印\n【字号：\n加大\n】\n2026年某省政府工作报告\n来源：某某日报\n时间：2026-01-22\n"
            "违法和不良信息举报电话：12345\n各位代表：\n现在，我代表省人民政府向大会报告工作。\n")
    result = extract_document(Document("r.txt", text, "utf-8", ""), lexicon)
    assert result.metadata.title == "2026年某省政府工作报告"
    excluded = [text[b:e] for b, e in result.excluded]
    assert excluded == ["下载", "打印", "【字号：", "加大", "】", "来源：某某日报", "时间：2026-01-22",
                        "违法和不良信息举报电话：12345"]


def test_real_place_in_title_gives_the_jurisdiction():
    doc = Document("r.txt", "津南区委2020年工作报告", "utf-8", "")
    meta = extract_metadata(doc, (Sentence(0, len(doc.text), doc.text),))
    assert meta.jurisdiction == "津南区"
    assert meta.author == "津南区委"


def test_anonymised_prefix_is_dropped_from_organs():
    assert strip_placeholder("X区委") == "区委"
    assert strip_placeholder("XX区人民政府") == "区人民政府"
    assert normalise_organ("XX区人民政府") == "区政府"
    assert normalise_organ("X区社会主义学院") == "X区社会主义学院"
