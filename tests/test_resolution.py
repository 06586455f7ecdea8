from kg.model import EntityType
from kg.resolution import entity_key, is_local_organisation


def _entity(result, name):
    return next(e for e in result.entities if e.name == name or name in e.aliases)


def test_quoted_core_is_an_alias_of_the_full_name(results):
    # 000: “四查四促”专项行动 is one entity with its quoted core as alias
    entity = _entity(results["000_bda7739a96efcbec.txt"], "四查四促专项行动")
    assert entity.type is EntityType.CAMPAIGN
    assert entity.name == "四查四促专项行动"


def test_anonymised_jurisdiction_is_the_same_organ(results):
    # 001 names its author 区委, X区委 and XX区委
    entity = _entity(results["001_60ffe4ad60b6dedb.txt"], "区委")
    assert entity.name == "区委"
    assert {"X区委", "XX区委"} <= set(entity.aliases)


def test_gazetteer_short_form_is_an_alias(results):
    entity = _entity(results["000_bda7739a96efcbec.txt"], "党中央")
    assert entity.name == "党中央"
    assert "中央" in entity.aliases


def test_organ_prefix_makes_the_same_organisation(lexicon):
    from kg.extraction import extract_document
    from kg.model import Document

    # 000's sentence, after a sentence that names the group in full
    text = "成立区委全面深化改革领导小组。先后召开X次全面深化改革领导小组会议，制定《推动重大改革项目实施方案》。"
    result = extract_document(Document("t.txt", text, "utf-8", ""), lexicon)
    entity = _entity(result, "区委全面深化改革领导小组")
    assert entity.name == "区委全面深化改革领导小组"
    assert entity.aliases == ("全面深化改革领导小组",)


def test_one_entity_per_name_within_a_report(results):
    for result in results.values():
        names = [n for e in result.entities for n in (e.name, *e.aliases)]
        assert len(names) == len(set(names))


def test_local_organisations_are_kept_apart_per_known_jurisdiction():
    assert is_local_organisation("区委", EntityType.ORGANIZATION)
    assert not is_local_organisation("国务院", EntityType.ORGANIZATION)
    assert entity_key("区委", EntityType.ORGANIZATION, "津南区") != entity_key("区委", EntityType.ORGANIZATION, "和平区")
    assert entity_key("区委", EntityType.ORGANIZATION, None) == "区委"
    assert entity_key("国务院", EntityType.ORGANIZATION, "津南区") == "国务院"


def _org_iris(outdir, label):
    from kg.query import query

    q = ("PREFIX kg: <https://w3id.org/kg-reports/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
         f'SELECT DISTINCT ?e WHERE {{ ?e a kg:Organization ; rdfs:label "{label}"@zh }}')
    return {row[0] for row in query(q, outdir).rows}


def test_manifest_keeps_local_organs_apart_and_national_ones_shared(tmp_path):
    import shutil

    from click.testing import CliRunner

    from kg.cli import main

    from .conftest import REPORTS

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(REPORTS / "001_60ffe4ad60b6dedb.txt", folder / "a.txt")
    shutil.copy(REPORTS / "001_60ffe4ad60b6dedb.txt", folder / "b.txt")
    assert CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "merged")]).exit_code == 0
    assert len(_org_iris(tmp_path / "merged", "区委")) == 1  # jurisdictions unknown: merged

    (folder / "manifest.csv").write_text("file,jurisdiction\na.txt,津南区\nb.txt,和平区\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "apart")])
    assert result.exit_code == 0, result.output
    assert len(_org_iris(tmp_path / "apart", "区委")) == 2  # one per district
    assert len(_org_iris(tmp_path / "apart", "市委")) == 2  # a city committee is local too
    assert len(_org_iris(tmp_path / "apart", "科技部")) == 1  # national: one node


def test_a_bad_manifest_is_a_clear_error(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    (tmp_path / "r.txt").write_text("区委工作报告\n区委深入开展扫黑除恶专项斗争。\n", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("name,place\nr.txt,X\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(tmp_path), "-o", str(tmp_path / "out")])
    assert result.exit_code != 0
    assert "manifest.csv: a manifest needs the column 'file' and one of jurisdiction, year, level, kind, code" in result.output


def test_a_core_two_names_share_merges_neither(results):
    # 004 has “不忘初心、牢记使命”主题教育 and “不忘初心、牢记使命”微党课活动: two drives
    result = results["004_2967b34aefa6a6f9.txt"]
    education = _entity(result, "不忘初心、牢记使命主题教育")
    lessons = _entity(result, "不忘初心、牢记使命微党课活动")
    assert education is not lessons
    assert lessons.type is EntityType.CAMPAIGN


def test_the_author_keeps_the_name_the_report_writes_when_a_short_form_joins_it(lexicon):
    from kg.model import Mention
    from kg.resolution import resolve

    # a county government report (定兴 2021): its title says 定兴县政府, its signature line
    # 定兴县人民政府, the author; normalising the organ joins the two into one entity
    mentions = [Mention(0, 5, "定兴县政府", EntityType.ORGANIZATION, "定兴县政府", "", "crf"),
                Mention(20, 27, "定兴县人民政府", EntityType.ORGANIZATION, "定兴县人民政府", "", "crf")]
    (entity,) = resolve(mentions, lexicon, "定兴县", author="定兴县人民政府")
    assert (entity.name, entity.aliases) == ("定兴县人民政府", ("定兴县政府",))
    (entity,) = resolve(mentions, lexicon, "定兴县")
    # with no author, the bare organ of the place's own level names the entity, as 县政府 does in
    # every county's report (its key: 县政府@定兴县); both written names are its aliases
    assert (entity.name, entity.aliases) == ("县政府", ("定兴县人民政府", "定兴县政府"))


def test_the_government_of_the_authors_own_level_is_the_author(lexicon):
    from kg.resolution import resolve

    # a county's report (定兴 2021; the gold of 高阳, 涞水 and 广西's reports counts them as one):
    # 县政府 and 政府 there are the author; the city's and the province's governments are not
    entities = resolve(_bodies("县政府", "政府", "市政府", "省政府"), lexicon, "定兴县",
                       author="定兴县人民政府")
    assert {e.name: e.aliases for e in entities} == {
        "定兴县人民政府": ("县政府", "政府"), "市政府": (), "省政府": ()}
    # a party committee's report keeps the government apart from its author
    entities = resolve(_bodies("区政府"), lexicon, "X区", author="区委常委会")
    assert sorted(e.name for e in entities) == ["区委常委会", "区政府"]


def _bodies(*names):
    """One organisation mention per name, at offsets in the order given (a name's length apart)."""
    from kg.model import Mention

    mentions, at = [], 0
    for name in names:
        mentions.append(Mention(at, at + len(name), name, EntityType.ORGANIZATION, name, "", "gazetteer"))
        at += len(name) + 1
    return mentions


def test_an_organ_named_with_the_reports_own_place_is_the_organ_of_that_level(lexicon):
    from kg.resolution import resolve

    # a provincial report writes 浙江省委 and 省委 for one body, and 江苏省委 for another
    entities = {e.name: e for e in resolve(_bodies("浙江省委", "省委", "江苏省委"), lexicon, "浙江省")}
    assert set(entities) == {"省委", "江苏省委"}
    assert entities["省委"].aliases == ("浙江省委",) and entities["省委"].key == "省委@浙江省"
    assert len(entities["省委"].mentions) == 2


def test_the_places_congress_of_a_term_is_its_renda(lexicon):
    from kg.resolution import resolve

    # a county report's meeting line names the congress of a term; its text says 县人大
    entities = {e.name: e for e in resolve(_bodies("高阳县第十七届人民代表大会", "县人大", "市人大"), lexicon, "高阳县")}
    # the standing name names the entity (a gazetteer's name, keyed 县人大@高阳县 across the county's reports)
    assert set(entities) == {"县人大", "市人大"}
    assert entities["县人大"].aliases == ("高阳县第十七届人民代表大会",)
    assert entities["县人大"].key == "县人大@高阳县"


def test_a_bare_standing_organ_is_the_one_of_the_reports_level_written_beside_it(lexicon):
    from kg.resolution import resolve

    # 广西's report writes 自治区国资委 and, later, 国资委 for the same commission
    entities = {e.name: e for e in resolve(_bodies("自治区国资委", "国资委"), lexicon, "广西壮族自治区")}
    assert set(entities) == {"自治区国资委"} and entities["自治区国资委"].aliases == ("国资委",)
