from kg.cleaning import find_excluded
from kg.reading import read_document

from .conftest import REPORTS


def _lines(name, lexicon):
    document = read_document(REPORTS / name)
    return document, [document.text[b:e] for b, e in find_excluded(document, lexicon)]


def test_membership_ads_and_qq_lines_are_excluded(lexicon):
    document, lines = _lines("001_60ffe4ad60b6dedb.txt", lexicon)
    assert "仅供学习 禁止外传 用后删除" in lines
    assert any("QQ206157060" in line for line in lines)
    assert "举报倒卖会员资料的人，举报成功免费赠送一年会员材料！" in lines
    # the site's brand line between two ad lines belongs to the ad block
    assert "酷乐文行" in lines
    # the title and the body stay
    assert not any("全面从严治党主体责任情况报告" in line for line in lines)
    assert not any("今年以来" in line for line in lines)


def test_original_submission_banner_is_excluded_but_the_title_stays(lexicon):
    _, lines = _lines("004_2967b34aefa6a6f9.txt", lexicon)
    assert lines == ["本文系作者原创投稿，仅供学习参考，请勿照搬照抄！"]


def test_a_report_without_ads_loses_nothing(lexicon):
    _, lines = _lines("000_bda7739a96efcbec.txt", lexicon)
    assert lines == []


def test_a_web_pages_lists_of_links_are_excluded_to_the_next_sentence(lexicon):
    from kg.model import Document

    # the navigation and sidebar of a site that publishes county reports (corpus/baoding-counties)
    text = ("2020年唐县政府工作报告\n各位代表：\n现在，我代表县政府向大会报告工作。\n分享到：\n上一篇：\n"
            "2020年梧州市政府工作报告\n相关文章\n11-22\n2020年岳阳县政府工作报告\n阅读排行\n"
            "焦作市解放区2025年政府工作报告\n\n我们要坚定信心，实干担当。")
    document = Document("r.txt", text, "utf-8", "")
    lines = [text[b:e] for b, e in find_excluded(document, lexicon)]
    assert lines == ["上一篇：", "2020年梧州市政府工作报告", "相关文章", "11-22", "2020年岳阳县政府工作报告",
                     "阅读排行", "焦作市解放区2025年政府工作报告"]
