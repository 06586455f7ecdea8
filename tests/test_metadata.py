import pytest

from kg.metadata import extract_metadata, normalise_organ


@pytest.mark.parametrize(
    "name, title, author, year, kind",
    [
        ("000_bda7739a96efcbec.txt", "区委常委会工作报告", "区委常委会", 2019, "常委会工作报告"),
        ("001_60ffe4ad60b6dedb.txt", "X区委2020年落实全面从严治党主体责任情况报告", "区委", 2020, "主体责任情况报告"),
        # a speech at a meeting: the title names the meeting, the speaker reports for 区委常委会
        ("002_9ff72cfa76f7b3fe.txt", "区委全体会议上的讲话", "区委常委会", 2019, "讲话"),
        ("003_d135b40d4c98ecd1.txt", "在区委X届X次全会第X次全体会议上的讲话", "区委常委会", None, "讲话"),
        ("004_2967b34aefa6a6f9.txt", "抓党建工作情况专题报告", "区委常委会", 2019, "专题报告"),
    ],
)
def test_metadata_of_the_sample_reports(results, name, title, author, year, kind):
    meta = results[name].metadata
    assert (meta.title, meta.author, meta.year, meta.kind) == (title, author, year, kind)
    assert meta.jurisdiction is None  # anonymised: no real place


def test_real_place_in_title_gives_the_jurisdiction():
    from kg.model import Document, Sentence

    doc = Document("r.txt", "津南区委2020年工作报告", "utf-8", "")
    meta = extract_metadata(doc, (Sentence(0, len(doc.text), doc.text),))
    assert meta.jurisdiction == "津南区"
    assert meta.author == "区委"


def test_anonymised_prefix_is_dropped_from_organs():
    assert normalise_organ("X区委") == "区委"
    assert normalise_organ("XX区人民政府") == "区政府"
    assert normalise_organ("X区社会主义学院") == "X区社会主义学院"
