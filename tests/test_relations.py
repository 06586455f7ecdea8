"""Relations on real sentences of the sample reports."""

import pytest

from kg.mentions import find_mentions
from kg.model import Document
from kg.relations import find_relations
from kg.segmentation import segment

AUTHOR = "区委常委会"

CASES = [
    ("及时成立区委配合省委巡视工作领导小组、区委巡视整改工作领导小组，统筹推进全区巡视整改工作。",
     {(AUTHOR, "established", "区委配合省委巡视工作领导小组"), (AUTHOR, "established", "区委巡视整改工作领导小组")}),
    ("区委常委会认真贯彻《中国共产党地方委员会工作条例》，定期听取区人大常委会、区政府、区政协和区法院、区检察院党组工作汇报。",
     {(AUTHOR, "implements", "中国共产党地方委员会工作条例"), (AUTHOR, "oversees", "区人大常委会"),
      (AUTHOR, "oversees", "区政府"), (AUTHOR, "oversees", "区政协"), (AUTHOR, "oversees", "区法院"),
      (AUTHOR, "oversees", "区检察院")}),
    ("制定出台《关于坚决维护党中央集中统一领导的规定》《全面从严治党主体责任清单》等文件，牢牢把握大局方向。",
     {(AUTHOR, "issued", "关于坚决维护党中央集中统一领导的规定"), (AUTHOR, "issued", "全面从严治党主体责任清单")}),
    ("印发《X区落实〈X市2020年落实全面从严治党主体责任任务安排〉分工方案》。",
     {(AUTHOR, "issued", "X区落实〈X市2020年落实全面从严治党主体责任任务安排〉分工方案"),
      ("X区落实〈X市2020年落实全面从严治党主体责任任务安排〉分工方案", "refersTo", "X市2020年落实全面从严治党主体责任任务安排")}),
    ("深入开展“四查四促”专项行动，坚决打赢疫情防控阻击战。",
     {(AUTHOR, "conducts", "四查四促专项行动"), (AUTHOR, "conducts", "疫情防控阻击战")}),
    # issuing bodies written before the title are the subjects, not the author
    ("区委、区政府印发《关于推动高质量发展的若干措施》。",
     {("区委", "issued", "关于推动高质量发展的若干措施"), ("区政府", "issued", "关于推动高质量发展的若干措施")}),
    # 002: the bodies before the first of adjacent titles issued them all
    ("研究制定了区委、区政府《关于供给侧结构性改革等工作任务进行责任分解的工作部署》《关于分解落实市委市政府十二大任务的工作部署》等指导性文件。",
     {("区委", "issued", "关于供给侧结构性改革等工作任务进行责任分解的工作部署"),
      ("区政府", "issued", "关于供给侧结构性改革等工作任务进行责任分解的工作部署"),
      ("区委", "issued", "关于分解落实市委市政府十二大任务的工作部署"),
      ("区政府", "issued", "关于分解落实市委市政府十二大任务的工作部署")}),
    # 003: drawn up and carried out: the document was issued
    ("制定并实施了《X市X区义务教育优质均衡年度规划（X-X年）》。",
     {(AUTHOR, "issued", "X市X区义务教育优质均衡年度规划（X-X年）")}),
    # the object first, its verb ending the clause: the unstated actor did it (a province's
    # report 2026, a county's 2022); but the body before 领导 leads, and is led by no one here
    ("乡村振兴战略深入实施，高标准农田达到4808万亩。", {(AUTHOR, "implements", "乡村振兴战略")}),
    ("县融媒体中心挂牌成立，主旋律更加响亮。", {(AUTHOR, "established", "县融媒体中心")}),
    ("坚持党中央集中统一领导。", set()),
    # too far from its verb: no relation
    ("落实好各项工作任务，推动形成良好的氛围，全面推进《民法典》。", set()),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_relations_of_real_sentences(lexicon, text, expected):
    sentence = segment(Document("t.txt", text, "utf-8", ""), (), lexicon)[0]
    mentions = find_mentions(sentence, lexicon)
    relations = find_relations(sentence, mentions, AUTHOR, {}, lexicon)
    assert {(r.subject, r.type.value, r.object) for r in relations} == expected
    for r in relations:
        assert r.evidence == text[r.begin - sentence.begin:r.end - sentence.begin]


def test_relations_of_a_report_name_its_entities(results):
    for result in results.values():
        names = {n for e in result.entities for n in (e.name, *e.aliases)}
        assert result.relations
        for r in result.relations:
            assert r.subject in names and r.object in names
            assert result.document.text[r.begin:r.end] == r.evidence


def _frame_cases():
    from kg.lexicon import load_lexicon

    return [pytest.param(f, id=f.id) for f in load_lexicon().relation_frames]


@pytest.mark.parametrize("frame", _frame_cases())
def test_every_relation_frame_gives_its_example(lexicon, frame):
    """Each row of relation_frames.txt states its relation from the subject of its example to the author."""
    text, _, subject = frame.example.partition(" -> ")
    sentence = segment(Document("t.txt", text, "utf-8", ""), (), lexicon)[0]
    relations = find_relations(sentence, find_mentions(sentence, lexicon), AUTHOR, {}, lexicon)
    assert (subject, frame.relation.value, AUTHOR, f"frame:{frame.id}") in {
        (r.subject, r.type.value, r.object, r.method) for r in relations}


@pytest.mark.parametrize("text, expected", [
    # every organisation of the frame's list leads the author (government reports of a county and a province)
    ("在市委、市政府和县委的坚强领导下，我们坚持稳中求进。",
     {("市委", "oversees", AUTHOR), ("市政府", "oversees", AUTHOR), ("县委", "oversees", AUTHOR)}),
    ("在中共湖北省委领导下，有力有效应对系列风险挑战。", {("中共湖北省委", "oversees", AUTHOR)}),
    # no frame: 领导 as a noun, and 接受 the people's supervision (no organisation)
    ("坚持接受人民批评和监督。", set()),
])
def test_a_frame_makes_the_organisations_it_names_oversee_the_author(lexicon, text, expected):
    sentence = segment(Document("t.txt", text, "utf-8", ""), (), lexicon)[0]
    relations = find_relations(sentence, find_mentions(sentence, lexicon), AUTHOR, {}, lexicon)
    assert {(r.subject, r.type.value, r.object) for r in relations} == expected


def test_a_frame_without_its_subject_group_is_an_error_that_names_the_file(tmp_path):
    import shutil

    from kg.errors import LexiconError
    from kg.lexicon import DEFAULT_LEXICON_DIR, load_lexicon

    folder = tmp_path / "lexicon"
    shutil.copytree(DEFAULT_LEXICON_DIR, folder)
    with (folder / "relation_frames.txt").open("a", encoding="utf-8") as f:
        f.write("no-group\toversees\t在(.+)领导下\tauthor\twhy\t在市委领导下 -> 市委\n")
    with pytest.raises(LexiconError, match="relation_frames.txt.*no-group"):
        load_lexicon(folder)
