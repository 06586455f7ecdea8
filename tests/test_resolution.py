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
