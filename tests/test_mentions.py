"""Mentions on real sentences of the sample reports: (sentence, expected mentions) tables."""

from pathlib import Path

import pytest

from kg.mentions import canonical_name, find_mentions, is_document_title
from kg.model import Document
from kg.segmentation import segment


def _mentions(text, lexicon, tagger=None):
    document = Document("t.txt", text, "utf-8", "")
    return [m for s in segment(document, (), lexicon) for m in find_mentions(s, lexicon, tagger)]


def _rules_alone(text, lexicon):
    """``(name, type)`` of the mentions the rules find in ``text``, without the CRF."""
    from kg.mentions.tagger import NoTagger

    return [(m.name, m.type.value) for m in _mentions(text, lexicon, NoTagger())]


CASES = [
    # an unmarked title after a chain of verbs (制定实施, 制定并实施); a list inside
    # one title (A、B、C等…, A、B和C…); a list of kinds of rules (等各种) is no title
    ("制定实施城乡供水保障三年行动方案。", [("城乡供水保障三年行动方案", "Regulation")]),
    ("研究出台钢材、水泥、玻璃等行业节能改造的政策措施。", [("钢材、水泥、玻璃等行业节能改造的政策措施", "Regulation")]),
    ("制定并实施保护、扶持和引导小微企业发展的政策措施。", [("保护、扶持和引导小微企业发展的政策措施", "Regulation")]),
    ("修订财务、人事等各种规章制度和实施办法。", []),
    # quoted core + campaign head; a campaign head with a grown prefix
    ("深入开展“四查四促”专项行动，坚决打赢疫情防控阻击战。",
     [("四查四促专项行动", "Campaign"), ("疫情防控阻击战", "Campaign")]),
    # book-title marks; an enumeration of titles
    ("制定出台《关于坚决维护党中央集中统一领导的规定》《全面从严治党主体责任清单》等文件，牢牢把握大局方向。",
     [("关于坚决维护党中央集中统一领导的规定", "Regulation"), ("全面从严治党主体责任清单", "Regulation")]),
    # a title nested with 〈〉 is a document of its own
    ("印发《X区落实〈X市2020年落实全面从严治党主体责任任务安排〉分工方案》。",
     [("X区落实〈X市2020年落实全面从严治党主体责任任务安排〉分工方案", "Regulation"),
      ("X市2020年落实全面从严治党主体责任任务安排", "Regulation")]),
    # organ + head, crossing a verb inside the name (配合); an enumeration
    ("及时成立区委配合省委巡视工作领导小组、区委巡视整改工作领导小组，统筹推进全区巡视整改工作。",
     [("区委配合省委巡视工作领导小组", "Organization"), ("区委巡视整改工作领导小组", "Organization")]),
    # local organs in an enumeration; 党组 is not part of the court's name
    ("定期听取区人大常委会、区政府、区政协和区法院、区检察院党组工作汇报。",
     [("区人大常委会", "Organization"), ("区政府", "Organization"), ("区政协", "Organization"),
      ("区法院", "Organization"), ("区检察院", "Organization")]),
    # numbered formulations in quotes; a trailing word (精神) is not part of the name
    ("牢固树立“四个意识”，坚决做到“两个维护”，贯彻落实中央八项规定精神。",
     [("四个意识", "Initiative"), ("两个维护", "Initiative"), ("中央八项规定", "Regulation")]),
    # 团区委 is one organ, not 区委
    ("指导区总工会、团区委、区妇联圆满完成改革各项事宜。",
     [("区总工会", "Organization"), ("团区委", "Organization"), ("区妇联", "Organization")]),
    # an initiative head grown over nouns; an adverb and verb stop it
    ("认真落实信访工作制度，健全容错纠错机制。",
     [("信访工作制度", "Initiative"), ("容错纠错机制", "Initiative")]),
    # 004: documents named without marks after one issuing verb, 制度 as a document
    ("制定出台党委（党组）意识形态工作责任制实施细则、意识形态工作协调联动会议制度、突发网络舆情事件应急处置预案、网络舆情管理办法等制度规定。",
     [("党委（党组）意识形态工作责任制实施细则", "Regulation"), ("意识形态工作协调联动会议制度", "Regulation"),
      ("突发网络舆情事件应急处置预案", "Regulation"), ("网络舆情管理办法", "Regulation")]),
    # 004: a shared head: three documents
    ("制定工会、共青团、妇联改革方案。",
     [("工会改革方案", "Regulation"), ("共青团改革方案", "Regulation"), ("妇联改革方案", "Regulation")]),
    # 001: an ordinal with its measure is not part of a name; the quoted core keeps its head
    ("举办第八届“打开悦读之门”读书活动。", [("打开悦读之门读书活动", "Campaign")]),
    # 004: 暨 joins the two names of one event
    ("开展送党课进基层暨微型党课巡回示范宣讲活动。", [("送党课进基层暨微型党课巡回示范宣讲活动", "Campaign")]),
    # 001: a themed year is a campaign; the year's 年 and 作为 are not part of it
    ("把2020年作为阵地功能提升年，持续深化社区建设。", [("阵地功能提升年", "Campaign")]),
    # 000, 001: a quoted term before a programme noun names a programme; a figure of speech does not
    ("积极推进“书香城市”建设，统筹推进“区管校聘”管理改革，紧紧扭住责任制这个“牛鼻子”。",
     [("书香城市", "Initiative"), ("区管校聘", "Initiative")]),
    # 000: a quoted name that opens with a number is a name when it has a head
    ("积极打造“15分钟就医服务圈”，以流动服务车为补充的“15分钟阅读圈”。",
     [("15分钟就医服务圈", "Initiative"), ("15分钟阅读圈", "Initiative")]),
    # a book in 《》 is not a regulation
    ("认真学习《习近平谈治国理政》第三卷。", []),
    # two quoted drive heads joined by 和: each takes its own prefix (002)
    ("我们大力开展城建项目“百日攻坚”和社区环境整治“百日会战”。",
     [("城建项目百日攻坚", "Campaign"), ("社区环境整治百日会战", "Campaign")]),
    # 暨 joins a quoted name and a headed one into one event (004)
    ("认真承办省委“送党课进基层”暨微型党课巡回示范宣讲活动。",
     [("省委", "Organization"), ("送党课进基层暨微型党课巡回示范宣讲活动", "Campaign")]),
    # the items of an enumeration that 等 closes before a kind noun name instances of it (001)
    ("完善学区制、集团化办学等机制。", [("学区制", "Initiative"), ("集团化办学", "Initiative")]),
    # 等 after one item closes no enumeration
    ("完成万科水晶城占压河道违法建设专项治理等行动。", [("万科水晶城占压河道违法建设专项治理", "Campaign")]),
    # a quoted list of statements is a slogan, not a name; a list of goals is one (001, 000)
    ("牢固树立“隐患就是事故、事故就要处理”的理念，一体推进“不敢腐、不能腐、不想腐”。",
     [("不敢腐、不能腐、不想腐", "Initiative")]),
    # a joint creation drive is a campaign (003); after 等, a head names the kind of the items (001)
    ("深入开展“五城同创”各项工作。", [("五城同创", "Campaign")]),
    ("深入开展形式主义官僚主义问题专项治理、“小金库”专项治理等领域专项行动。",
     [("形式主义官僚主义问题专项治理", "Campaign"), ("小金库专项治理", "Campaign")]),
    # a time scope is no part of a programme's name (002)
    ("扎实做好年度十大民生工程，不断提升群众获得感。", [("十大民生工程", "Initiative")]),
    # quotations side by side are a list of one kind (002, 001)
    ("大力推进“电代煤”“气代煤”工作。", [("电代煤", "Initiative"), ("气代煤", "Initiative")]),
    ("全面落实“双报到”“双报告”“手拉手”闭环管控。",
     [("双报到", "Initiative"), ("双报告", "Initiative"), ("手拉手", "Initiative")]),
    # 以X为中心 is a formulation, not a centre (002)
    ("必须牢固树立“以人民为中心”的发展思想。", [("以人民为中心", "Initiative")]),
    # inspection teams and the theory study group are bodies; a time scope opens no name (001, 004)
    ("期间收到中央生态环保督察组转办的信访件。", [("中央生态环保督察组", "Organization")]),
    ("全年区委理论学习中心组开展集体学习。", [("区委理论学习中心组", "Organization")]),
    # a public library named by its district is a body (000)
    ("打造了以区图书馆为总，以城市书房为分的服务体系。", [("区图书馆", "Organization")]),
    # a verbal noun before the jurisdiction that opens a body's name is not part of it (001)
    ("建立完善菜市场党建指导工作站，建设X区律师行业党群服务中心，形成特色工作品牌。",
     [("X区律师行业党群服务中心", "Organization")]),
    # the five-year legal publicity plan after its quoted number (004)
    ("强力推进“七五”普法工作，推动法治建设。", [("七五普法", "Initiative")]),
    # 中心工作 is the central task, not a centre (002)
    ("区人大及其常委会围绕区委中心工作，组织代表开展视察。", [("区人大", "Organization"), ("区委", "Organization")]),
    # a body's name crosses a boundary word (创新) when plain words beyond it reach its placeholder (001)
    ("认定的国家技术转移机构——X市科技创新发展中心，助力完善科技服务。",
     [("X市科技创新发展中心", "Organization")]),
    ("拓面X数字经济产业创新中心辐射范围。", [("X数字经济产业创新中心", "Organization")]),
    # a kind of body or a count of bodies names no body (004, 001, 003)
    ("协调科技园区与辖区大学等本地高校合作。", []),
    ("由350名市属三级医院医务人员组成医疗队。", []),
    ("带动X家物业公司投入到疫情防控。", []),
    # a second verb after the issuing verb opens no title; 工作预案 alone names none (001)
    ("妥善做好维稳安保任务，制定细化工作预案，区级领导同志带队。", []),
    # construction work is a building site, not a programme (000, 002)
    ("审批工作居城市区首位。城市建设工程扎实推进，X所小学改扩建工程加紧推进。", []),
    # an honour won is no entity, nor is what it holds (001); a scope is no name (001)
    ("缴完成率100％，我区荣获“双拥模范城”七连冠。", []),
    ("领导干部开展突击家访，强化“八小时之外”监督。", []),
    # an ordinal count or 新 before the head describes, it does not name (001)
    ("注册资本42亿元的我市第一家、全国第七家信用增信公司。", []),
    ("构建智慧养老体系，探索智慧养老新模式。", []),
    # two heads in a row name the systems of a field (001); a count before the head is not part of the name (002)
    ("完善党管保密体制机制，及时研究保密工作。", []),
    ("推进干部能上能下三项制度，充分调动积极性。", [("干部能上能下", "Initiative")]),
    # 领导 before 干部 is the noun 领导干部, not the verb 领导 (004)
    ("认真落实市委关于领导干部能上能下、正向激励、容错纠错等制度。",
     [("市委", "Organization"), ("领导干部能上能下", "Initiative"), ("正向激励", "Initiative"),
      ("容错纠错", "Initiative")]),
    # quoted names in an enumeration before a counted head are each a programme; the count is none (001)
    ("实施“机关基层党组织负责人党建能力提升”、“基层党务工作者业务能力提升”、“党员干部模范作用提升”三大工程；深化改革。",
     [("机关基层党组织负责人党建能力提升", "Initiative"), ("基层党务工作者业务能力提升", "Initiative"),
      ("党员干部模范作用提升", "Initiative")]),
    # a head that qualifies a noun or is counted names a kind (000, 003)
    ("纪法贯通、法法衔接紧密顺畅，监察制度优势初步显现。", []),
    ("对X个风险点实行动态管理，建立防控制度X项。", []),
    # a drive within a named drive takes its whole name (003)
    ("深入开展污染防治攻坚战“百日会战”专项行动，始终保持高压。", [("污染防治攻坚战百日会战专项行动", "Campaign")]),
    # a named drive with a drive head after it names a drive of its own (002)
    ("精心组织不忘初心、牢记使命主题宣讲活动X场，普及听众X万人次。",
     [("不忘初心、牢记使命主题宣讲活动", "Campaign")]),
    # the named items of an enumeration that 等 closes before a kind of body are bodies (002);
    # items of common nouns are sectors, not bodies (000)
    ("我们持续深化与中科院、中关村、中开院等顶尖研发机构开展战略合作。",
     [("中科院", "Organization"), ("中关村", "Organization"), ("中开院", "Organization")]),
    ("持续围绕危险化学品、烟花爆竹等重点企业进行检查。", []),
    # a quoted term followed by 要求 is a formulation to meet (004)
    ("坚持正确用人导向，认真落实“凡提五必”要求，从源头上防止带病提拔。", [("凡提五必", "Initiative")]),
    # a word jieba glued to the head (交易中心, nt) does not name the centre; 养老 is no
    # person's name, whatever jieba's dictionary says (pos_corrections.txt) (002)
    ("X家企业在股权交易中心实现挂牌。", []),
    ("新建社区养老服务中心X家，全区养老服务中心达到X家。", []),
    # a count after a body's name makes it a kind of body (003)
    ("制定《X区党建联席会议制度》，建立党建联盟X个。", [("X区党建联席会议制度", "Regulation")]),
    # the spirits of the party's spiritual genealogy are formulations (initiatives.txt) (001, 002)
    ("大力弘扬焦裕禄精神，引导党员干部担当作为。", [("焦裕禄精神", "Initiative")]),
    ("把人民群众生命安全和身体健康放在第一位，弘扬和践行伟大抗疫精神，强化战时状态、战时机制、战时思维、战时方法。",
     [("伟大抗疫精神", "Initiative")]),
    # the verbs right before a drive's head say what it does, inside its name (000)
    ("以落实市委工作安排为牵引，以党建创新提升活动为抓手，着力强化基层党组织政治功能。",
     [("市委", "Organization"), ("党建创新提升活动", "Campaign")]),
    # 新 before a proper noun is part of the name, not the adjective "new" (001)
    ("务共建网科大厦项目，组建新八大里数字经济产业发展联盟。", [("新八大里数字经济产业发展联盟", "Organization")]),
    # a count by size, a manner and a mindset in quotes are no names (001, 003, 002)
    ("高质量完成浯水道“一大两小”、微山路“一大”，共计“两大三小”社会足球场。", []),
    ("实行大项目领办、代办、帮办等“保姆式”服务。", []),
    ("头维护团结，牢固树立“一盘棋”思想，认真贯彻民主集中制。", [("民主集中制", "Initiative")]),
    # a quoted list of three or more values or methods is no name (000); one of that shape
    # in the gazetteer still is (001)
    ("按照“突出重点、分类指导、统筹推进”原则，划分为四大板块。", []),
    ("一体推进不敢腐、不能腐、不想腐。", [("不敢腐、不能腐、不想腐", "Initiative")]),
    # a field's system reform is a named reform, as ANNOTATION.md's 监察体制改革 and the
    # excerpts' gold (经济体制改革, 科技体制改革) have it, though 002's gold leaves these out;
    # 改革 before the noun it qualifies (改革排头兵) is reform in general;
    # a new mechanism after a quotation is described, not named (003)
    ("深化社会体制改革、深化生态文明体制改革、深化党的建设制度改革，争当新时代改革排头兵。",
     [("社会体制改革", "Initiative"), ("生态文明体制改革", "Initiative"), ("党的建设制度改革", "Initiative")]),
    ("形成“网上推介、码上关注、屏上洽谈、线上签约、云上招商”新机制，开展网络招商。", []),
    # a quoted target (003)
    ("为全市“一年大变样、三年换新颜”的目标作出了X贡献。", []),
    # a count before a quoted body's name makes it a kind (001)
    ("重点打造5个街一级示范型退役军人之家和10个“枫桥式退役军人服务站”。", []),
    # a drive against problems is named by every problem it lists, with their joins
    # and the 不 of 不作为 (001)
    ("纳入形式主义官僚主义、不作为不担当问题专项治理重要内容。",
     [("形式主义官僚主义、不作为不担当问题专项治理", "Campaign")]),
    ("开展扶贫助困领域以及侵害群众利益不正之风和腐败问题专项治理、“小金库”专项治理等领域专项行动。",
     [("扶贫助困领域以及侵害群众利益不正之风和腐败问题专项治理", "Campaign"), ("小金库专项治理", "Campaign")]),
    # a body's name opens at its jurisdiction or 国家 over verbs that are no relation
    # verb (服务, 创新, 组织, 联合) and one 和 (000, 001)
    ("因地制宜新组建了区委区政府督查局、区社区治理和服务创新办公室、区金融工作局等部门。",
     [("区委区政府督查局", "Organization"), ("区社区治理和服务创新办公室", "Organization"),
      ("区金融工作局", "Organization")]),
    ("国家组织医用耗材联合采购办公室落户，首年意向采购总量超过107万个。",
     [("国家组织医用耗材联合采购办公室", "Organization")]),
    # 领导 after a committee is its leaders, a noun (004); 及其 "and its" stays inside one
    # name, and a count at its start is no count of items before it (002); 国家 before a
    # state organ is written as part of its name (002)
    ("完善区委领导与党外代表人士联系交友制度，明确联系交友的范围。", [("区委领导与党外代表人士联系交友制度", "Initiative")]),
    ("认真落实区委常委基层党建联系点制度、四大班子及其班子成员主体责任任务清单制度，建立党建重点工作台账。",
     [("区委常委基层党建联系点制度", "Initiative"), ("四大班子及其班子成员主体责任任务清单制度", "Initiative")]),
    ("“三社联动”工作通过国家民政部中期评估。", [("三社联动", "Initiative"), ("国家民政部", "Organization")]),
    # 社区纪委 are communities' committees, a kind, though jieba cuts 社|区纪委 (001);
    # the 展 of 开展 is no 展区 (000)
    ("在全区设立社区纪委，推动纪检监察向基层延伸拓展。", []),
    ("开展区委中心组理论学习X次。", [("区委中心组", "Organization")]),
    # 改革 after a quoted or known formulation names its reform (003, 001); a head
    # past 等 names the kind of the items, not the last one (002)
    ("统筹推进证照分离改革，通过再造登记注册流程。", [("证照分离改革", "Initiative")]),
    ("深化“一制三化”改革，开发建设国家级平台。", [("一制三化改革", "Initiative")]),
    # but no head past a new one described (新格局, 新模式) or past a count, which opens another
    # name (a party congress report 2022; a region's report 2026)
    ("推动西部大开发形成新格局。", [("西部大开发", "Initiative")]),
    ("推行“一会三函”审批新模式。", [("一会三函", "Initiative")]),
    ("出台实施新型城镇化战略五年行动计划。", [("新型城镇化战略五年行动计划", "Regulation")]),
    ("严格落实“三会一课”、民主生活会、基层组织生活会等组织生活制度，坚持贯彻民主集中制。",
     [("三会一课", "Initiative"), ("民主生活会", "Initiative"), ("组织生活会", "Initiative"),
      ("民主集中制", "Initiative")]),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_mentions_of_real_sentences(lexicon, text, expected):
    """What the rules find (the CRF, which only adds where they found nothing, is tested in test_tagger.py)."""
    from kg.mentions.tagger import NoTagger

    found = [(m.name, m.type.value) for m in _mentions(text, lexicon, NoTagger())]
    assert found == expected


def test_every_mention_of_the_sample_reports_is_its_span(results):
    count = 0
    for result in results.values():
        text = result.document.text
        for entity in result.entities:
            for mention in entity.mentions:
                assert text[mention.begin:mention.end] == mention.surface
                count += 1
    assert count > 500


def test_no_mention_inside_an_ad_line(results):
    for result in results.values():
        for entity in result.entities:
            for m in entity.mentions:
                assert not any(b <= m.begin < e for b, e in result.excluded)


def test_canonical_names_follow_the_annotation_guide():
    assert canonical_name("“四查四促”专项行动") == "四查四促专项行动"
    assert canonical_name("《中国共产党巡视工作条例》") == "中国共产党巡视工作条例"
    assert canonical_name("“不忘初心、牢记使命”主题教育") == "不忘初心、牢记使命主题教育"
    # a county's report printed with notes (定兴 2021): the note's mark is no part of the name
    assert canonical_name("“两不愁三保障[3]”") == "两不愁三保障"
    assert canonical_name("《X区落实〈X市任务安排〉分工方案》") == "X区落实〈X市任务安排〉分工方案"


def test_document_titles_by_head(lexicon):
    assert is_document_title("网络意识形态工作责任制实施细则（试行）", lexicon)
    assert is_document_title("惠企21条", lexicon)
    assert not is_document_title("X区疫情防控法律手册", lexicon)
    assert not is_document_title("共产党宣言", lexicon)


@pytest.mark.parametrize("text", ["他说“‘’”很好。", "开展“'”专项行动。", "“ ”专项行动和“”制度"])
def test_a_quotation_of_marks_only_names_nothing_and_costs_nothing(lexicon, text):
    """“‘’” raised IndexError (the report was skipped); “'”专项行动 gave a Campaign named 专项行动."""
    from kg.extraction import extract_document

    result = extract_document(Document("r.txt", "区委工作报告\n" + text + "\n", "utf-8", ""), lexicon)
    assert [e.name for e in result.entities] == ["区委"]


@pytest.mark.parametrize("text, expected", [
    # a quotation with no head after a programme verb names a programme (programme_verbs.txt),
    # in a government report, a party committee's and a county's alike
    ("积极推进“智改数转网联”，深化中小企业数字化转型。", [("智改数转网联", "Initiative")]),
    ("严格实行“非禁即入”，有效降低市场准入门槛。", [("非禁即入", "Initiative")]),
    ("深入实施“百县千镇万村”工程的同时，坚持“早发现”。", [("百县千镇万村工程", "Initiative"), ("早发现", "Initiative")]),
    # not after such a verb, or a label of a category (“专精特新”企业): no entity
    ("他说“很好”。", []),
    ("培育“专精特新”企业100家。", []),
    ("推动“小巨人”企业加快发展。", []),
])
def test_a_quotation_after_a_programme_verb_is_an_initiative(lexicon, text, expected):
    assert [(m.name, m.type.value) for m in _mentions(text, lexicon)] == expected


@pytest.mark.parametrize("text, expected", [
    # a "compound" head (initiative_heads.txt): the field's nouns before 强国/强省, never the verb
    # that governs them, in the State Council's report, a province's and a party congress's
    ("坚持教育强国、科技强国、人才强国建设一体统筹推进。",
     [("教育强国", "Initiative"), ("科技强国", "Initiative"), ("人才强国", "Initiative")]),
    ("锚定建设农业强国目标，推进乡村全面振兴。", [("农业强国", "Initiative"), ("乡村全面振兴", "Initiative")]),
    ("加快建设制造强省、质量强省，坚定不移推进新型能源强省建设。",
     [("制造强省", "Initiative"), ("质量强省", "Initiative"), ("新型能源强省", "Initiative")]),
    ("我国正由人才大国迈向人才强国。", [("人才强国", "Initiative")]),
    # the strategy keeps its name; a modifier the length limit would cut stays out
    ("深入实施人才强省战略。", [("人才强省战略", "Initiative")]),
    ("加快建设新时代网络强国。", [("网络强国", "Initiative")]),
    # 增强|国际: 强国 across two words is no head
    ("增强国际交往综合承载力。", []),
])
def test_a_compound_head_takes_the_field_before_it(lexicon, text, expected):
    assert _rules_alone(text, lexicon) == expected


# Constructions of the government and congress genres (issue 15), each case from a report of
# that kind: what the construction names, and what it must not.
GENRE_CASES = [
    # the object of a programme verb before a framed head runs from the verb to the head, across
    # the verbs that say what the mechanism does (State Council 2010 and 2024, a city's report
    # 2026); a programme verb too close to the head leaves a kind, and a governing verb no name
    ("完善重大风险处置统筹协调机制，压实企业主体责任。", [("重大风险处置统筹协调机制", "Initiative")]),
    ("继续完善人民币汇率形成机制。", [("人民币汇率形成机制", "Initiative")]),
    ("健全民营小微企业融资支持协调机制。", [("民营小微企业融资支持协调机制", "Initiative")]),
    # an adverb qualifies a verb of the mechanism's name (a district's report 2023, State Council 2000s)
    ("建立城乡居民收入正常增长机制。", [("城乡居民收入正常增长机制", "Initiative")]),
    ("深入实施城镇化战略。", []),
    # a verb with a noun on each side is inside the object (经济运行党政|联合|调度机制: a city's
    # report 2025; 民企|参与|重大项目: a province's 2026); one after an adverb governs it (corpus)
    ("建立国有企业履行战略使命评价机制。", [("国有企业履行战略使命评价机制", "Initiative")]),
    ("建立经济运行党政联合调度机制。", [("经济运行党政联合调度机制", "Initiative")]),
    ("推动规划有望纳入国家发展战略。", []),
    # a title that was a link keeps its line breaks inside its marks (State Council 2006, gov.cn)
    ("制定了《\n国家中长期科学和技术发展规划纲要\n》。", [("国家中长期科学和技术发展规划纲要", "Regulation")]),
    # an issuing verb and a second verb of carrying out before an unmarked title; a description
    # after them is none (State Council 2007 and 1990s)
    ("制定和实施促进中部地区崛起政策措施。", [("促进中部地区崛起政策措施", "Regulation")]),
    ("制定和实行一系列政策措施。", []),
    ("中央已经制定了指导性意见，各省要抓紧落实。", [("中央", "Organization")]),
    # a plan or outline an issuing verb makes is a document (State Council 2024, provincial reports)
    ("制定未来产业发展规划，开辟新赛道。", [("未来产业发展规划", "Regulation")]),
    ("研究制定各类专项规划。", []),
    # a one-character verb of having or a copula glued to its pronoun governs what follows;
    # a field's activity is no drive (a county's report 2020, State Council 1980s)
    ("规模以上工业企业有研发活动的占比达到40%。", []),
    ("这是经济体制改革的重要内容。", [("经济体制改革", "Initiative")]),
    # a kind of company is a category; a quoted fault after a verb of avoiding it is no
    # programme; a one-character head glued into a word names nothing (the corpus's
    # city and provincial reports, 2014-2026)
    ("吸引跨国公司设立地区总部，培育上市公司。", []),
    ("组建河北港口集团。", [("河北港口集团", "Organization")]),
    ("坚决防止“一刀切”，不能搞“半拉子”工程。", []),
    ("确保“十五五”开好局。", [("十五五", "Initiative")]),
    # a named plan a programme verb puts to work is a programme (provincial reports 2026); 有计划
    # is "planned" (State Council 1980s)
    ("实施农业龙头企业分类培育计划。", [("农业龙头企业分类培育计划", "Initiative")]),
    ("坚持国民经济有计划按比例发展。", []),
    # a named negative list after a verb that applies or shortens it is a document (State
    # Council 2019 and 2024); a list with no name is none
    ("全面实施跨境服务贸易负面清单。", [("跨境服务贸易负面清单", "Regulation")]),
    ("要进一步缩减市场准入负面清单，推动非禁即入普遍落实。", [("市场准入负面清单", "Regulation")]),
    ("实施负面清单管理。", []),
    # a principle named by the list of its values, upheld or carried out (party congress reports
    # 2002 and 2007); after 本着 the list says how one thing is done
    ("坚持标本兼治、综合治理的方针，逐步加大治本的力度。", [("标本兼治、综合治理的方针", "Initiative")]),
    ("本着节约、务实的原则，推进行政审批。", []),
    # quotations before 等 and a drive's head are drives of that kind (two county reports, 2017
    # and 2021, with a footnote's mark; a province's report 2025)
    ('强力开展"秋收100"、"打渣除痞"等专项行动。', [("秋收100", "Campaign"), ("打渣除痞", "Campaign")]),
    ("深入开展“双创双服”“三深化三提升”“三创四建”[2]等活动。",
     [("双创双服", "Campaign"), ("三深化三提升", "Campaign"), ("三创四建", "Campaign")]),
    # a verb that sets a system in order or conforms to it governs the system's name; a drive is
    # named by what it does (State Council 2000 and 2024, a province's report 2026)
    ("规范监事会制度。", [("监事会制度", "Initiative")]),
    ("建立符合现代企业制度要求的企业。", [("现代企业制度", "Initiative")]),
    # 改革 before a system's name reforms it, as 规范 and 优化 set it in order (a party congress
    # report 2007; State Council reports of the 1990s: 改革|户籍制度, 改革|工资制度)
    ("改革党内选举制度，改进候选人提名制度和选举方式。",
     [("党内选举制度", "Initiative"), ("候选人提名制度", "Initiative")]),
    ("改革机关事业单位工资制度。", [("机关事业单位工资制度", "Initiative")]),
    ("扩大长期护理保险制度试点。", [("长期护理保险制度", "Initiative")]),
    ("实施扩大内需战略。", [("扩大内需战略", "Initiative")]),
    ("积极稳妥改革户籍制度。", [("户籍制度", "Initiative")]),
    ("设立科创板并试点注册制。", [("注册制", "Initiative")]),
    # a field before a gazetteer's reform names the reform of that field (a province's report 2026;
    # corpus: 政府|机构改革, 农业|供给侧结构性改革); a scope does not
    ("完成全省疾控机构改革。", [("疾控机构改革", "Initiative")]),
    ("顺利完成机构改革。", [("机构改革", "Initiative")]),
    # 全 before a jurisdiction's organ means the organs across the place (a province's report 2026;
    # corpus: 全县政府系统, 全省人大系统)
    ("全省政府债务指标保持在合理区间。", []),
    ("全县政府系统解放思想。", []),
    ("对在社区提供日间照料、康复护理、助餐助行等服务的机构给予税费减免。", []),
    # the items before 等政策 name policies by what they grant (a province's report 2026); a field
    # of two or three characters is none
    ("婚假延长、育儿补贴、学前一年免费等政策落地实施。",
     [("婚假延长", "Initiative"), ("育儿补贴", "Initiative"), ("学前一年免费", "Initiative")]),
    ("落实就业、投资、消费等政策。", []),
    # 创新 inside a name is part of it; before a system it is the verb (a province's and a county's
    # reports 2021-2026, a sample)
    ("打造京雄保科技创新走廊。", [("京雄保科技创新走廊", "Initiative")]),
    # jieba's word 工程建设 is cut so that 工程 ends a programme's name (a province's report 2026);
    # the works of one facility stay none (corpus: 新城站输变电工程, 污水处理厂提标工程)
    ("推进城市生命线安全工程建设。", [("城市生命线安全工程", "Initiative")]),
    ("实施新城站输变电工程。", []),
    # the firms held up as exemplars of an industry (a county's report 2021; corpus: 以河钢集团、
    # 中交集团为代表的绿色建材产业园); sectors named so are none
    ("以通美晶体、中科锂电为代表的新材料、新能源等战略新兴产业加速集聚。",
     [("通美晶体", "Organization"), ("中科锂电", "Organization")]),
    ("以新能源、大数据、新材料为代表的战略性新兴产业快速发展。", []),
    # a document described by 相应的 or 相关的 is no title (State Council 2000, corpus)
    ("有关部门要抓紧制定规划和相应的配套措施。", []),
    # 创建活动 is a drive's head: a drive to earn a title (State Council 2000; ANNOTATION.md's 平安XX创建活动)
    ("深入扎实地开展群众性精神文明创建活动。", [("群众性精神文明创建活动", "Campaign")]),
    ("大规模开展园艺产品生产和畜牧水产养殖标准化创建。", [("园艺产品生产和畜牧水产养殖标准化创建", "Campaign")]),
    ("探索创新农房建设管理制度。", [("农房建设管理制度", "Initiative")]),
    ("拓面X数字经济产业创新中心辐射范围。", [("X数字经济产业创新中心", "Organization")]),
    # 形成, 创新 and 出台 frame a mechanism's name where they open a clause (party congress 2007,
    # a district's report); inside a name they are part of it (State Council 2010, 2024)
    ("加强廉政文化建设，形成拒腐防变教育长效机制。", [("拒腐防变教育长效机制", "Initiative")]),
    ("创新开放式组织生活机制，打造开放式组织生活基地。", [("开放式组织生活机制", "Initiative")]),
    ("继续完善人民币汇率形成机制。", [("人民币汇率形成机制", "Initiative")]),
    ("要逐步形成机制。", []),
    # a college of no place or proper name is a kind of college (party congress 2007, a province's
    # report 2026); 中国 opens a national body's name (a national association, corpus)
    ("充分发挥党校、行政学院、干部学院作用。", []),
    ("支持有条件的高校设立科技商学院。", []),
    # the body that 成立 or 组建 sets up is one body, named by a place or not (a county's report
    # 2021, corpus)
    ("深化改革，成立行政审批局，实行“一枚公章管审批”。", [("行政审批局", "Organization"), ("一枚公章管审批", "Initiative")]),
    ("建设行政审批局办公楼。", []),
    # a ministry's catalogue or register in title marks is a policy document (a province's report
    # 2025; the NDRC's 产业结构调整指导目录)
    ("严格执行《产业结构调整指导目录》。", [("产业结构调整指导目录", "Regulation")]),
    # a law named as what its implementation or supporting rules are of (a city's and a province's
    # reports 2026); a word of 法 that names no law is none
    ("推进城市更新条例实施，完善政策激励工具。", [("城市更新条例", "Regulation")]),
    ("健全民营经济促进法配套法规政策。", [("民营经济促进法", "Regulation")]),
    ("加强综合执法实施。", []),
    # a catalogue after an issuing verb is a document too (State Council reports of the 2000s)
    ("修订外商投资产业指导目录。", [("外商投资产业指导目录", "Regulation")]),
    # a formulation or a quotation before a kind of zone or fund labels that kind (provinces' reports
    # 2023-2026, corpus); the formulation stands elsewhere, and before 理念 it is itself
    ("建成一批全域旅游示范区。", []),
    ("新增“两山”实践创新基地3个。", []),
    ("大力发展全域旅游。", [("全域旅游", "Initiative")]),
    # a dash between two places joins them into the name of what they share (a city's and a
    # region's reports 2026; corpus: 珠江—西江经济带, 西宁—海东都市圈)
    ("建设北京-雄安人才科创走廊。", [("北京-雄安人才科创走廊", "Initiative")]),
    ("建成中国—东盟医疗保健合作中心。", [("中国—东盟医疗保健合作中心", "Organization")]),
    # a city's brand: a field and 之都 or 之城 (a city's report 2026, corpus)
    ("深化演艺之都建设，打造一批演艺区。", [("演艺之都", "Initiative")]),
    ("深化博物馆之城建设。", [("博物馆之城", "Initiative")]),
    # the words before a quotation and its head are trimmed as a head's are: no governing verb,
    # no scope (a city's report 2026; corpus: 扩大|“拿地即开工”试点, 全省|“七五”普法)
    ("优化“两新”政策实施。", [("两新政策", "Initiative")]),
    ("扩大“拿地即开工”试点。", [("拿地即开工试点", "Initiative")]),
    ("建设广西人工智能学院等创新平台。", [("广西人工智能学院", "Organization")]),
    ("支持中国服装协会举办论坛。", [("中国服装协会", "Organization")]),
    ("开展规范涉企行政执法专项行动。", [("规范涉企行政执法专项行动", "Campaign")]),
    # a pilot zone is named as a pilot is; a verb before the place or level that opens its name
    # governs it (a province's report 2026, a region's report 2025)
    ("深化国家数据要素综合试验区建设。", [("国家数据要素综合试验区", "Initiative")]),
    ("增设上海自贸试验区。", [("上海自贸试验区", "Initiative")]),
    ("争取国家算电协同试点。", [("国家算电协同试点", "Initiative")]),
    # 综合整治 and 集中整治 head drives; a light verb before the head says nothing and is no part
    # of a name (a county's report 2019, a province's 2026)
    ("持续开展城乡环境综合整治。", [("城乡环境综合整治", "Campaign")]),
    ("对城乡结合部进行综合整治。", []),
    ("打赢疫情防控遭遇战。", [("疫情防控遭遇战", "Campaign")]),
    # 执行 puts a policy to work as 实行 does; a benefit named by what it favours is one policy,
    # a supplement to another is none (State Council 2019, a province's report 2026)
    ("继续执行新能源汽车购置优惠政策。", [("新能源汽车购置优惠政策", "Initiative")]),
    ("落实集体林权制度改革配套政策。", [("集体林权制度改革", "Initiative")]),
    # a framed name joined to an earlier framed name of another head shares its verb (a city's
    # report 2026)
    ("深入推进特殊引才计划和关键核心技术人才工程。", [("特殊引才计划", "Initiative"), ("关键核心技术人才工程", "Initiative")]),
    # 制 heads a system by what it institutes (party congress reports 2002-2012, State Council
    # 2000); not where it ends a word of jieba's dictionary, nor in forms of ownership; a head of
    # one character after a word jieba does not know still heads (省住|建厅)
    ("实行党的代表大会代表任期制。", [("党的代表大会代表任期制", "Initiative")]),
    ("严格控制新增债务，有效遏制腐败蔓延。", []),
    ("巩固和发展公有制经济。", []),
    ("落实省住建厅要求。", [("省住建厅", "Organization")]),
    # 深化 is a verb (jieba: an abbreviation): the reform deepened is the drive's name; verbs alone
    # before a drive's head name none (State Council 2024; a party committee's report 2020)
    ("深入实施国有企业改革深化提升行动。", [("国有企业改革深化提升行动", "Campaign")]),
    ("巩固深化专项斗争成果。", []),
    # 长期 before a noun is an attributive (jieba: an adverb), part of the system's name (State
    # Council 2019, a region's report 2025)
    ("推行长期护理保险制度。", [("长期护理保险制度", "Initiative")]),
    # the items before a drive are as long as the first that starts the list or follows another
    # item, not the shortest word that ends there (a province's report 2023)
    ("实施冰雪运动、冰雪文旅、冰雪产业融合发展行动。", [("冰雪运动、冰雪文旅、冰雪产业融合发展行动", "Campaign")]),
    # a treaty in book-title marks is a document (State Council 2024)
    ("推动加入《数字经济伙伴关系协定》。", [("数字经济伙伴关系协定", "Regulation")]),
    # an international body by the short name the foreign ministry gives it (State Council 2000, a
    # province's report 2026); a region that is also a body is left alone
    ("坚定支持世贸组织。", [("世贸组织", "Organization")]),
    ("推动亚太经合组织合作。", [("亚太经合组织", "Organization")]),
    ("对东盟出口增长12%。", []),
    # quotations before 等, a qualifier and an Initiative head are programmes of that kind (a
    # province's report 2026, a region's report 2025); before other nouns they stay unread
    ("深化职务科技成果赋权、单列管理、“先用后转”等集成改革。", [("先用后转", "Initiative")]),
    ("推广“揭榜挂帅”、“赛马”等科研攻关模式。", [("揭榜挂帅", "Initiative"), ("赛马", "Initiative")]),
    ("解决“急难愁盼”等问题。", []),
    # before 等 and a noun of another kind they stay what they were
    ("深入开展“双创双服”等工作。", [("双创双服", "Initiative")]),
    # a law or regulation named without marks after a verb that makes or applies it (State
    # Council 2000 and 2019, a city's report 2026, a party congress report)
    ("认真贯彻会计法、建筑法和招标投标法。", [("会计法", "Regulation"), ("建筑法", "Regulation"), ("招标投标法", "Regulation")]),
    ("实施修改后的个人所得税法。", [("个人所得税法", "Regulation")]),
    ("国家相继制定了刑法、刑事诉讼法。", [("刑法", "Regulation"), ("刑事诉讼法", "Regulation")]),
    ("宣传贯彻民营经济促进法，保护民营企业。", [("民营经济促进法", "Regulation")]),
    # words of 法 that name no law, and no verb of law
    ("严格执法，改进工作方法，完善办法。", []),
    ("严格遵守党纪国法。", []),
    ("民营经济促进法颁布一周年。", []),
    # parallel items of equal length before a drive name it with it (a province's report 2023,
    # the State Council's since 2018; corpus county reports)
    ("坚决打好蓝天、碧水、净土保卫战。", [("蓝天、碧水、净土保卫战", "Campaign")]),
    ("开展高端化、智能化、绿色化技改专项行动。", [("高端化、智能化、绿色化技改专项行动", "Campaign")]),
    ("开展乱堆、乱建、乱排专项整治。", [("乱堆、乱建、乱排专项整治", "Campaign")]),
    # a first noun joined by 和 names the drive with the second (a province's report 2025);
    # a first name of its own, or a verbal noun, stays out
    ("实施城镇燃气和天然气基础设施建设攻坚行动。", [("城镇燃气和天然气基础设施建设攻坚行动", "Campaign")]),
    ("开展产品质量和食品安全专项整治。", [("产品质量和食品安全专项整治", "Campaign")]),
    ("深化扫黑除恶专项斗争和专项治理行动。", [("扫黑除恶专项斗争", "Campaign"), ("专项治理行动", "Campaign")]),
    # clauses, names of their own and a lone item are no such list
    ("党委有部署、政府见行动。", []),
    ("坚持精准扶贫、脱贫攻坚。", [("精准扶贫", "Initiative"), ("脱贫攻坚", "Campaign")]),
    ("持续打好蓝天保卫战。", [("蓝天保卫战", "Campaign")]),
    # a laboratory named by a place or a proper noun is a body (a province's reports, 2026);
    # the classes of accredited laboratories are not
    ("支持之江实验室、紫金山实验室建设。", [("之江实验室", "Organization"), ("紫金山实验室", "Organization")]),
    ("高水平建设省实验室和全国重点实验室。", []),
    # the verbal noun that governs a body's proper name is no part of it (a city's report 2026)
    ("加快建设中关村学院。", [("中关村学院", "Organization")]),
    # a census of one round is a drive of its own (a province's and a city's report, 2026)
    ("高质量完成第四次全国文物普查和第五次经济普查。",
     [("第四次全国文物普查", "Campaign"), ("第五次经济普查", "Campaign")]),
    ("开展经济普查。", []),
    # a department or bureau named by its field after a jurisdiction (two county reports);
    # the common words and halls that end in 局 and 厅 are none
    ("配合生态环境部强化督查、省环保厅专项督查。", [("生态环境部", "Organization"), ("省环保厅", "Organization")]),
    ("涞水县文物局挂牌成立。", [("涞水县文物局", "Organization")]),
    ("打造城市会客厅，为十五五开好局，服务大局。", []),
    # a park named by its owner or place (two county reports); a park of a level is a class
    ("中电科涞水电子科技园、北京公交智造产业园建成投产。",
     [("中电科涞水电子科技园", "Organization"), ("北京公交智造产业园", "Organization")]),
    ("建成省级农业科技园，新创建国家现代农业产业园。", []),
    # a corridor of named places or fields is a regional programme (a province's report 2026)
    ("以东湖科学城为核心区域的光谷科创大走廊成势见效。", [("光谷科创大走廊", "Initiative")]),
    ("加快建设光谷科创大走廊。", [("光谷科创大走廊", "Initiative")]),
    # a "framed" head (initiative_heads.txt): 战略 after plain words names a strategy only as the
    # object of a programme verb, and the names of the same head joined to it (State Council
    # 2000, 2010, 2024 and a province's report); a strategy made, or one of rank alone, is none
    ("深入实施科教兴国战略，加快建设教育强国。", [("科教兴国战略", "Initiative"), ("教育强国", "Initiative")]),
    ("实施就业优先战略和扩大内需战略。", [("就业优先战略", "Initiative"), ("扩大内需战略", "Initiative")]),
    ("继续实施区域发展总体战略和主体功能区战略。", [("区域发展总体战略", "Initiative"), ("主体功能区战略", "Initiative")]),
    ("正确制定企业发展战略、技术创新战略和市场营销战略。", []),
    ("服务国家重大发展战略。", []),
    ("深入实施区域重大战略。", []),
    # 机制 and 体制 are framed too: a mechanism or system of two words or more that a programme
    # verb builds is a named way of working (State Council 2019 and 2024, a province's report
    # 2026, a party congress report); one word before the head, or no such verb, names a kind
    ("健全预期管理机制，完善种粮农民收益保障机制。", [("预期管理机制", "Initiative"), ("种粮农民收益保障机制", "Initiative")]),
    ("完善干部双重管理体制。", [("干部双重管理体制", "Initiative")]),
    ("健全市场机制，完善决策机制。", []),
    ("预期管理机制运行良好。", []),
    # 工程 and 试点 are named-or-framed: a programme or pilot a programme verb runs is named even
    # with no proper noun in it (State Council 2024, two provinces' reports 2023 and 2026); a
    # site's phases and one word before the head are none
    ("实施制造业技术改造升级工程，推进融资畅通工程。",
     [("制造业技术改造升级工程", "Initiative"), ("融资畅通工程", "Initiative")]),
    ("开展成本预算绩效管理试点。", [("成本预算绩效管理试点", "Initiative")]),
    # jieba's dictionary word 试点工作 is cut (split_words.txt), so the pilot's head ends a token
    # (a province's report 2025, State Council-style corpus reports)
    ("开展全国一体化算力网试点工作，推进营业税改征增值税试点工作。",
     [("全国一体化算力网试点", "Initiative"), ("营业税改征增值税试点", "Initiative")]),
    ("实施城区集中供热四期工程，推进矿山生态修复二期工程。", []),
    ("实施民心工程。", []),
    # an exchange named by its place, a maternal and child health hospital, a film studio are
    # bodies (a city's and a province's report 2026, county reports); a count of them is none
    ("支持北京证券交易所、贵阳大数据交易所发展。",
     [("北京证券交易所", "Organization"), ("贵阳大数据交易所", "Organization")]),
    ("县妇幼保健院迁建，河北电影制片厂来县拍摄。", [("县妇幼保健院", "Organization"), ("河北电影制片厂", "Organization")]),
    ("支持786所县医院和534所县妇幼保健院。", []),
    # an item's numeral starts no name, nor does 部分 start a body's (county reports, 2010s)
    ("③县医院迁建，支持部分县医院发展。", [("县医院", "Organization")]),
    # a programme verb's complement 好 is no part of the name (corpus reports, 2021-2023)
    ("实施好关键核心技术攻关工程，落实好常态化巡河机制。",
     [("关键核心技术攻关工程", "Initiative"), ("常态化巡河机制", "Initiative")]),
    # 原则 and 方针 are framed: a principle or guideline upheld is a fixed formulation (party
    # congress reports 1997-2007, State Council 2024); 原则上 and a principle in general are none
    ("坚持德才兼备原则，全面贯彻党的教育方针。", [("德才兼备原则", "Initiative"), ("党的教育方针", "Initiative")]),
    ("原则上不再新设，坚持基本原则。", []),
    # 政策 is framed too (State Council 2010, a province's report 2025, a county's 2021); a kind
    # of policy is none (a policy of a stance is named: policy-stance in name_patterns.txt), and
    # a counted quoted policy is a document
    ("实施结构性减税政策，落实减税降费政策。", [("结构性减税政策", "Initiative"), ("减税降费政策", "Initiative")]),
    ("全面落实金融惠企政策，实施积极的财政政策和宏观调控政策。", [("积极的财政政策", "Initiative")]),
    ("落实落细国家促进民间投资“13条政策”。", [("13条政策", "Regulation")]),
    # a quoted list of values before one is counted (遵循|“…”八字方针: a State Council report's
    # formulation, corpus) or framed; else it is a manner of work (000: 按照“…”原则)
    ("遵循“巩固、增强、提升、畅通”八字方针。", [("巩固、增强、提升、畅通八字方针", "Initiative")]),
    # national programmes named by the central document that launched them (initiatives.txt;
    # State Council 2010 and 2024, provinces' reports 2023-2026, county reports)
    ("稳步推进城中村改造和农村危房改造，落实良种补贴，实施易地扶贫搬迁。",
     [("城中村改造", "Initiative"), ("农村危房改造", "Initiative"), ("良种补贴", "Initiative"), ("易地扶贫搬迁", "Initiative")]),
    # a belt, circle or city cluster named by its places is a regional programme (a province's
    # reports 2023 and 2026, city and county reports in the corpus); a verb before the place is
    # none of it, and 带动 stays a verb
    ("加快建设京张体育文化旅游带，支持紫金山创新带发展，主动融入济南都市圈，以创新带动就业。",
     [("京张体育文化旅游带", "Initiative"), ("紫金山创新带", "Initiative"), ("济南都市圈", "Initiative")]),
    # the party's standing rules by the short titles the congress reports use (18th report, 2012)
    ("严格遵守党章和党内政治生活准则，自觉遵守廉政准则。",
     [("党章", "Regulation"), ("党内政治生活准则", "Regulation"), ("廉政准则", "Regulation")]),
    # the context after a quotation is read past a footnote's mark (a county's report 2022, 28
    # corpus reports published with notes)
    ("深入推行“标准地”[10]改革，实现“两不愁三保障”[3]目标。", [("标准地", "Initiative")]),
    # 收入 is the noun "income" (pos_corrections.txt), so it opens the reform of its distribution
    # (a province's report 2023; State Council reports in the corpus)
    ("深化收入分配制度改革。", [("收入分配制度改革", "Initiative")]),
    # the term of a drive before its head is part of it, so the verbs of the drive before the term
    # are too (Beijing 2026; the State Council's and provinces' three- and five-year action plans)
    ("实施核心区环境品质提升三年行动，开展农村人居环境整治提升五年行动。",
     [("核心区环境品质提升三年行动", "Campaign"), ("农村人居环境整治提升五年行动", "Campaign")]),
    # a principle named by its list of values after 按照 (party congress reports 1997 and 2002,
    # government reports of the 1990s in the corpus)
    ("按照革命化、年轻化、知识化、专业化方针，按照精简、统一、效能的原则。",
     [("革命化、年轻化、知识化、专业化方针", "Initiative"), ("精简、统一、效能的原则", "Initiative")]),
    # formulations of the party congress reports 1992-2007 (initiatives.txt; 16th and 17th reports)
    ("树立社会主义荣辱观，建立健全惩治和预防腐败体系。",
     [("社会主义荣辱观", "Initiative"), ("惩治和预防腐败体系", "Initiative")]),
    # a 和 inside a framed object joins two parts of one mechanism, strategy or policy (State
    # Council 2000 and 2024, a province's report 2026); not after a name of its own, nor right
    # before the head (corpus)
    ("健全投入增长和风险分担机制，实施以质取胜和市场多元化战略。",
     [("投入增长和风险分担机制", "Initiative"), ("以质取胜和市场多元化战略", "Initiative")]),
    ("落实总体要求和政策，坚持深化改革和创新体制。", []),
    # a document named without marks after a verb that applies it, when its head is a document's
    # only (State Council 2000 and 2024, a province's report 2026); its issuer before it keeps its
    # own mention, and a body's feedback, a resolution or a series of measures is no title (corpus)
    ("全面落实促进民营经济发展壮大的意见，贯彻落实党的十五届四中全会决定。",
     [("促进民营经济发展壮大的意见", "Regulation"), ("党的十五届四中全会决定", "Regulation")]),
    ("实施新一轮优化营商环境政策措施，落实一揽子化债方案。",
     [("新一轮优化营商环境政策措施", "Regulation"), ("一揽子化债方案", "Regulation")]),
    ("落实国务院支持民营经济发展的政策措施，落实中央环保督察反馈意见，执行各项政策措施。",
     [("国务院", "Organization"), ("中央", "Organization")]),
    # the complement of 建立 and a verb of adapting start none (corpus reports, 1990s)
    ("逐步建立起社会主义市场经济体制。", [("社会主义市场经济体制", "Initiative")]),
    ("主动适应社会主义市场经济体制。", []),
    # a macroeconomic or foreign policy named by its stance and 的 (State Council 2010, party
    # congress reports 1997-2012 in the corpus); a policy of no stance is a kind
    ("继续实施积极的财政政策和稳健的货币政策，坚持独立自主的和平外交政策。",
     [("积极的财政政策", "Initiative"), ("稳健的货币政策", "Initiative"), ("独立自主的和平外交政策", "Initiative")]),
    ("落实鼓励消费的各项政策，实施积极的配套政策体系。", []),
    # the party's guiding theory and its cause as phrases of their own (party congress reports
    # 1997-2022), not as the modifiers of a compound
    ("在马克思主义的指导下，坚持和发展中国特色社会主义。",
     [("马克思主义", "Initiative"), ("中国特色社会主义", "Initiative")]),
    ("建设马克思主义学习型政党，推进中国特色社会主义事业。", []),
    # a jurisdiction's bid for a title is a drive named with 创建 (county government reports 2017
    # and 2019, a province's 2026); a title counted by units is none
    ("积极创建全国文明城市，创建省级美丽乡村9个。", [("创建全国文明城市", "Campaign")]),
    # 建设 after an adverb builds a programme (a city's report 2026, corpus); the noun 建设 before
    # a quotation does not
    ("高水平建设“数智北京”，推进党风廉政建设“当头炮”。", [("数智北京", "Initiative")]),
    # a rank threshold before a kind of body names none (a region's report 2026, corpus)
    ("二级及以上公立综合医院为老年人设立专门医疗服务。", []),
    # 可持续 is one word: no verb 可 stops a strategy's name (State Council 2000, corpus reports)
    ("积极实施科教兴国战略和可持续发展战略。",
     [("科教兴国战略", "Initiative"), ("可持续发展战略", "Initiative")]),
    # the words that name a quotation before it run to eight characters (a province's report 2023,
    # a city's 2026, corpus reports); a 和 there joins the quotation to another item
    ("开展国有企业研发投入“两年翻番”专项行动。", [("国有企业研发投入两年翻番专项行动", "Campaign")]),
    ("实施科技型中小企业“育苗”工程。", [("科技型中小企业育苗工程", "Initiative")]),
    ("认真整改巡视反馈问题和“回头看”发现的问题。", []),
    # verbs alone before a quotation govern the named programme (a province's report 2026, corpus
    # reports of the 1980s-2020s); a verbal noun there is its field
    ("迭代升级“雄鹰行动”计划，支持企业上市。", [("雄鹰行动计划", "Initiative")]),
    ("这一工程已列入“九五”计划。", [("九五计划", "Initiative")]),
    ("开展消费扶贫“五进”活动。", [("消费扶贫五进活动", "Campaign")]),
    # a head's name runs back over a quotation in it to the words that name the quotation (a province's
    # reports 2023 and 2026, corpus reports); a count inside the quotation is part of the name
    ("实施“365”产业集群补链强链专项行动。", [("365产业集群补链强链专项行动", "Campaign")]),
    ("实施“两个一百”企业培育专项行动。", [("两个一百企业培育专项行动", "Campaign")]),
    # jieba tags 压实 a noun; it is the verb that presses a system home (a province's report 2025)
    ("压实“米袋子”省长负责制。", [("米袋子省长负责制", "Initiative")]),
    # the copula 即 introduces the name after it (corpus reports)
    ("其中“1”即农村乱占耕地建房问题专项整治。", [("农村乱占耕地建房问题专项整治", "Campaign")]),
    # a kind noun after 等 that qualifies the noun after it is no kind of the items (a province's
    # report 2026, corpus reports)
    ("用好地方政府专项债券、中央财政贴息资金等政策资金。", []),
    ("综合运用税费减免、稳岗返还等政策工具。", []),
    # the locative 内 ends the place a body is in, not the body's name (a county's report 2019, corpus)
    ("园区内河北华药集团投资建设的热电项目投产。", [("河北华药集团", "Organization")]),
    # 改革 right after a body the gazetteer names is the body's reform, no programme: the body is
    # named (State Council 2024, corpus reports)
    ("积极参与世贸组织改革。", [("世贸组织", "Organization")]),
    ("贯彻落实党中央改革部署。", [("党中央", "Organization")]),
    # in a drive's name a verb after a noun names an event, a first item joined by 和 (a province's and
    # a city's reports 2026, corpus); a verb alone before 和 is the verb of a clause of its own
    ("开展电动车充电和消防安全专项治理。", [("电动车充电和消防安全专项治理", "Campaign")]),
    ("实施科技企业培育和高质量发展行动。", [("科技企业培育和高质量发展行动", "Campaign")]),
    ("加强培育和新一轮企业提升行动。", [("新一轮企业提升行动", "Campaign")]),
    # a number and a measure of sites or bodies count works or bodies of a kind (a county's report
    # 2022, corpus reports); a round hundred or thousand names a drive (百家民企进河北活动)
    ("完成16处废弃矿山修复治理工程。", []),
    ("开展千家企业节能行动。", [("千家企业节能行动", "Campaign")]),
    ("健全防范化解重大风险隐患工作机制。", [("防范化解重大风险隐患工作机制", "Initiative")]),
    ("加强工作机制建设。", []),
    # what 开展 conducts is a drive when the quotation is the verb's whole object (county and provincial
    # reports, corpus); before a noun it qualifies, it is no drive of its own
    ("深入开展“扫黄”“打非”，净化社会环境。", [("扫黄", "Campaign"), ("打非", "Campaign")]),
    ("开展“亩均效益”评价。", [("亩均效益", "Initiative")]),
    # a title that is a document head alone refers back to a document named in full; 宪法 and 党章
    # are names (corpus reports: 请各位代表连同《纲要（草案）》一并审议)
    ("请各位代表连同《纲要（草案）》一并审议。", []),
    ("认真学习《宪法》。", [("宪法", "Regulation")]),
    # one word and 的 before an issued document say what it is like, not what it is about (State Council
    # 2019, corpus reports); a verb phrase before 的 names the subject of a title
    ("国家层面重在制定统一的监管规则。", []),
    ("制定支持民间投资发展的实施意见。", [("支持民间投资发展的实施意见", "Regulation")]),
    # the determiner 整个 is no part of what it determines (State Council reports of the 1980s and 1990s)
    ("这是整个经济体制改革的中心环节。", [("经济体制改革", "Initiative")]),
    # a framed head's name that opens a clause and is reported carried out (a region's report 2026, State
    # Council reports, corpus): the implements frame turned round; without it, a kind
    ("全年工作稳步开展，城乡居民大病保险试点有序推进。", [("城乡居民大病保险试点", "Initiative")]),
    ("三孩生育政策全面实施。", [("三孩生育政策", "Initiative")]),
    ("城乡居民大病保险试点的经验值得总结。", []),
    # a standing organ takes the place name written before it (provincial and county reports, corpus);
    # a word that is no place (新一届, 历届) stays out
    ("在天津市津南区委和湖北省人民政府的领导下，新一届县委高度重视。",
     [("天津市津南区委", "Organization"), ("湖北省人民政府", "Organization"), ("县委", "Organization")]),
    ("保定市政府出台意见。", [("保定市政府", "Organization")]),
    # after 等 and its attributives, the kind of the items; after 新的, a new one described (a province's
    # report 2026, a county's 2017, corpus)
    ("发展智算、超算等先进算力中心。", []),
    ("组建了新的投融资公司。", []),
    # an unmarked 关于 title takes the body right before it that issued it; a proposal (的建议) is a title
    # only with its issuer (a district's report 2020, corpus reports of the State Council)
    ("聚焦中央关于制定第十五个五年规划的建议。", [("中央关于制定第十五个五年规划的建议", "Regulation")]),
    ("办理关于第二次会议以来代表提出的建议。", []),    # a verb of becoming or ranking ends the name grown from the head after it (State Council 2019, corpus
    # reports of counties and of the State Council)
    ("引导一批普通本科高校转为应用型大学。", []),
    ("将企业年检制度改为年报公示制度。", [("企业年检制度", "Initiative"), ("年报公示制度", "Initiative")]),
    # a list of bodies closed by 等 and a kind: when most items are proper names, the others are bodies too, as
    # written, and the verb before the list governs it (a county's report 2010, corpus; a district's 2020)
    ("在扶持大午、吉正、德力、今明后、康福龙等农业龙头企业的基础上",
     [("大午", "Organization"), ("吉正", "Organization"), ("德力", "Organization"), ("今明后", "Organization"),
      ("康福龙", "Organization")]),
    ("汇集航天长峰、京东云、北京东方金信、界面新闻、澎湃新闻、中津雅宁等36家北京知名互联网企业。",
     [("航天长峰", "Organization"), ("京东云", "Organization"), ("北京东方金信", "Organization"),
      ("界面新闻", "Organization"), ("澎湃新闻", "Organization"), ("中津雅宁", "Organization")]),
    ("持续围绕危险化学品、烟花爆竹等重点企业开展检查。", []),
    # a programme verb's object that lists the practices a mechanism joins, the last too short to name one
    # alone (party congress 2007, State Council 2019, a city's report 2024); a list of clauses is none
    ("建立健全党内激励、关怀、帮扶机制。", [("党内激励、关怀、帮扶机制", "Initiative")]),
    ("改革完善人才培养、使用、评价机制。", [("人才培养、使用、评价机制", "Initiative")]),
    ("完善项目谋划、引进、开工、投产、储备工作机制。", [("项目谋划、引进、开工、投产、储备工作机制", "Initiative")]),
    ("坚持顶层着眼、聚焦重点、创新机制。", []),
    # a programme verb, the noun of a field and the programme's quoted name (provinces' reports 2026, county
    # reports); 打造 and a noun build a figure of the noun (corpus)
    ("深化人才“校（院）企双聘”，促进人才有序流动共享。", [("校（院）企双聘", "Initiative")]),
    ("深化制造业“智改数转网联”。", [("智改数转网联", "Initiative")]),
    ("深入开展河湖“清四乱”，累计清除河道违建。", [("清四乱", "Campaign")]),
    # a quoted numbered formulation of bodies to build is a programme, not a body (a province's report 2026, corpus)
    ("推进“三基地两中心”建设。", [("三基地两中心", "Initiative")]),
    ("打造县城“新地标”。", []),
    # 组合拳 after a quotation names the measures dealt together; a quoted head word alone is a kind stressed
    # (a province's report 2026, corpus reports)
    ("深入打好“稳拓调优”组合拳。", [("稳拓调优组合拳", "Initiative")]),
    ("打好政策“组合拳”。", []),
    # a city designated for a function, as a programme verb's object (a city's report 2026, corpus); a kind without
    # the verb
    ("深化国际消费中心城市建设。", [("国际消费中心城市", "Initiative")]),
    ("成为区域中心城市。", []),
    # the building of a system or a morality is a programme, the building of a site is none (a province's report
    # 2023, corpus)
    ("实施城乡商业体系建设工程。", [("城乡商业体系建设工程", "Initiative")]),
    ("推进城区给水管网建设工程。", []),
    # an alternative in parentheses inside a name, after a word of it (district and county reports, corpus); the
    # name runs on over nouns before it, not over the verb that governs it
    ("河（湖）长制工作得到省、市充分肯定。", [("河（湖）长制", "Initiative")]),
    ("建立全区重点企业（项目）服务联席会议制度。", [("重点企业（项目）服务联席会议制度", "Initiative")]),
    ("共建上海（长三角）国际科技创新中心。", [("上海（长三角）国际科技创新中心", "Organization")]),
    # a quoted count formula names a programme with the noun phrase after it, to its last noun (provinces' reports
    # 2025-2026, county reports)
    ("深化“1+3”重点功能区建设。", [("1+3重点功能区", "Initiative")]),
    ("在“8+4”等重点行业领域培育。", [("8+4", "Initiative")]),
    ("推进“1+9”项重点工作。", [("1+9", "Initiative")]),
    # 实验区, as 试验区: a zone the state designates, after a name or as a programme verb's object (a city's
    # report 2026, corpus)
    ("深化国家文化产业创新实验区建设。", [("国家文化产业创新实验区", "Initiative")]),
    # a region's belt, circle or corridor a programme verb builds (a city's report 2026, corpus)
    ("加快建设现代化首都都市圈。", [("现代化首都都市圈", "Initiative")]),
    # a relation verb after a noun and before a drive's head says what the drive does (a city's report 2026,
    # corpus); 开展 conducts it
    ("落实绿色消费推进行动。", [("绿色消费推进行动", "Campaign")]),
    # a committee is named with the term it was elected for (the party congress reports' first line)
    ("现在，我代表第十九届中央委员会向大会作报告。", [("第十九届中央委员会", "Organization")]),
    # a school or an agricultural park named by its owner or place (county reports 2017-2019, corpus); the marks
    # of a paragraph's items (一是) and parks of a level name none; a verb of becoming or striving ends the name
    ("宏利佳九年一贯制学校启动实施。", [("宏利佳九年一贯制学校", "Organization")]),
    ("硕丰现代农业园区被推荐为省级精品园区。", [("硕丰现代农业园区", "Organization")]),
    ("一是农业园区提档升级。", []),
    ("全县各级农业园区加快发展。", []),
    ("德力现代农业园区力争进入省级农业园区。", [("德力现代农业园区", "Organization")]),
    ("力争更多县进入全国百强县。", []),
    # after 各级 or 各类, a kind: every one of it (a county's report 2019, corpus)
    ("各级环保督察组反馈的问题全部整改。", []),
    ("扎实开展历次党内集中教育。", []),
    # 强化 frames a policy or mechanism, not a quotation (heads-only in programme_verbs.txt; State Council 2010,
    # a province's report 2026, corpus)
    ("进一步强化强农惠农政策。", [("强农惠农政策", "Initiative")]),
    ("强化“有解思维”。", []),
    # a system under a body's leadership is one formulation (党委领导下的厂长负责制: corpus reports of the 1980s;
    # 党组织领导下的校长负责制: a district's report 2020)
    ("坚决实行党委领导下的厂长负责制。", [("党委领导下的厂长负责制", "Initiative")]),
    # an adverb inside a system's name, when the programme verb's object reaches over it (party congress 2012,
    # corpus)
    ("完善党员干部直接联系群众制度。", [("党员干部直接联系群众制度", "Initiative")]),
    # a head after a gazetteer's formulation or a quotation is not reached over a preposition, a pronoun or a verb
    # of becoming (party congress 2007, corpus)
    ("推动京津冀协同发展上升为国家战略。", [("京津冀协同发展", "Initiative")]),
    # the pilot free trade zones as a class, no zone (State Council 2024, corpus); one zone is named with its place
    ("赋予自贸试验区更多自主权。", []),
    ("力促中国（河北）自贸试验区早日获批。", [("中国（河北）自贸试验区", "Initiative")]),
    # a quotation mistyped with a straight closing mark, as web pages have it (district reports 2019)
    ("扎实开展统战工作“三项建设\"，支持民主党派。", [("三项建设", "Initiative")]),
    # a drive against a quoted kind of firms is named by it (county reports, corpus); the kind alone is no name,
    # and a light verb makes the drive's head its object
    ("开展“散乱污”企业整治。", [("散乱污企业整治", "Campaign")]),
    ("对“散乱污”企业进行了整治。", []),
    # a quotation that counts the items listed right before it by the character they share takes them into the
    # name (a province's report 2026, county reports); without the list, the quotation and its head alone
    ("完善空港、陆港、海港、信息港“四港联动”机制。", [("空港、陆港、海港、信息港四港联动机制", "Initiative")]),
    ("推进“四城”同创。", [("四城同创", "Campaign")]),
]


@pytest.mark.parametrize("text, expected", GENRE_CASES)
def test_constructions_of_the_genres_name_what_they_mark(lexicon, text, expected):
    assert _rules_alone(text, lexicon) == expected


@pytest.mark.parametrize("text, expected", [
    # an "object" head (initiative_heads.txt): 改革 names a reform of what is before it, unless a
    # verb governs it; a reform's pilot is named with it (State Council 2019 and 2024, a county's report)
    ("推进增值税改革，降低制造业税率。", [("增值税改革", "Initiative")]),
    ("积极配合国企改革，支持央企发展。", [("国企改革", "Initiative")]),
    ("推进要素市场化配置综合改革试点。", [("要素市场化配置综合改革试点", "Initiative")]),
    ("深化国有企业和事业单位人事制度改革。", [("国有企业和事业单位人事制度改革", "Initiative")]),
    ("推进重点领域和关键环节改革。", []),
    # 预算 is the noun "budget" before 改革, not a verb that governs it (a province's report 2026,
    # State Council 2000s)
    ("全面深化零基预算改革。", [("零基预算改革", "Initiative")]),
    ("推进预算管理制度改革。", [("预算管理制度改革", "Initiative")]),
    # a time or a count dates or counts reforms; 新 stays glued to 时代 (corpus reports)
    ("目前工资改革正在推进。", [("工资改革", "Initiative")]),
    ("完成230余项改革。", []),
    ("推进新时代教育评价改革。", [("新时代教育评价改革", "Initiative")]),
    ("坚定不移深化改革，扩大开放。", []),
    # a verb after four characters of nouns names the practice reformed (State Council 2019; corpus
    # 要素市场化配置改革); a verb after a subject governs
    ("加快推进养老保险省级统筹改革。", [("养老保险省级统筹改革", "Initiative")]),
    ("深化综合行政执法改革。", [("综合行政执法改革", "Initiative")]),
    ("群众期盼改革。", []),
    ("决不能让改革走样。", []),
])
def test_an_object_head_names_what_no_verb_governs(lexicon, text, expected):
    assert _rules_alone(text, lexicon) == expected


@pytest.mark.parametrize("text, expected", [
    # 行动 after the aim and its field names a drive with no naming word (State Council 2024,
    # a province's and a county's report); "action" in a phrase does not
    ("实施制造业数字化转型行动，加快产业升级。", [("制造业数字化转型行动", "Campaign")]),
    ("加快实施创新能力提升行动、主导产业壮大行动。", [("创新能力提升行动", "Campaign"), ("主导产业壮大行动", "Campaign")]),
    ("深入开展燃煤锅炉拆除行动。", [("燃煤锅炉拆除行动", "Campaign")]),
    ("统一思想、统一意志、统一行动。", []),
    ("中央有号令、省委有部署、政府见行动。", [("中央", "Organization"), ("省委", "Organization")]),
])
def test_an_action_is_named_by_its_aim(lexicon, text, expected):
    assert _rules_alone(text, lexicon) == expected


def _quote_pattern_cases():
    from kg.lexicon import load_lexicon

    return [pytest.param(p, id=p.id) for p in load_lexicon().quote_patterns]


@pytest.mark.parametrize("pattern", _quote_pattern_cases())
def test_every_quote_pattern_decides_its_own_example(lexicon, pattern):
    """Each row of quote_patterns.txt carries an example sentence; its verdict holds there."""
    sentence, _, name = pattern.example.partition(" -> ")
    found = _mentions(sentence, lexicon)
    quoted = [m for m in found if "“" in m.surface or "”" in m.surface]
    if pattern.verdict in ("Campaign", "Initiative"):
        assert [(m.name, m.type.value, m.rule) for m in quoted] == [(name, pattern.verdict, f"quote/{pattern.id}")]
    else:
        assert quoted == [], f"{pattern.id}: {pattern.why}"


def _head_veto_cases():
    from kg.lexicon import load_lexicon

    return [pytest.param(v, id=v.id) for v in load_lexicon().head_vetoes]


@pytest.mark.parametrize("veto", _head_veto_cases())
def test_every_head_veto_does_its_own_work_on_its_example(lexicon, veto):
    """Each row of head_vetoes.txt: without it the head rule names something in its example, with it nothing there."""
    from dataclasses import replace

    from kg.mentions.tagger import NoTagger

    without = replace(lexicon, head_vetoes=tuple(v for v in lexicon.head_vetoes if v.id != veto.id))
    sentences = list(segment(Document("t.txt", veto.example, "utf-8", ""), (), lexicon))
    heads = [{m.name for s in sentences for m in find_mentions(s, lex, NoTagger()) if m.rule.startswith("head/")}
             for lex in (lexicon, without)]
    assert heads[1] - heads[0], f"{veto.id}: the example {veto.example!r} needs no veto ({heads})"


def test_a_new_quote_pattern_row_gives_a_new_mention_with_no_code_change(tmp_path):
    """The grammar is data: one row in a lexicon folder of this test's own makes 东进 a named strategy.

    The rules alone (the CRF, which may well tag 东进, is left out).
    """
    import shutil

    from kg.lexicon import load_lexicon
    from kg.mentions.tagger import NoTagger
    from kg.resources import lexicon_dir

    sentence = "深圳提出“东进”方略，带动全市发展。"
    folder = tmp_path / "lexicon"
    shutil.copytree(lexicon_dir(), folder)
    assert _mentions(sentence, load_lexicon(folder), NoTagger()) == []
    with (folder / "quote_patterns.txt").open("a", encoding="utf-8") as handle:
        handle.write("strategy-noun\tafter\t方略\tInitiative\ta strategy named by a quotation\t提出“东进”方略。 -> 东进\n")
    found = _mentions(sentence, load_lexicon(folder), NoTagger())
    assert [(m.name, m.type.value, m.rule) for m in found] == [("东进", "Initiative", "quote/strategy-noun")]


@pytest.mark.parametrize("filename, row, message", [
    ("quote_patterns.txt", "broken\tbeside\tx\tveto\twhy\texample", r"quote_patterns.txt: entry \d+ \['broken'\]"),
    ("head_vetoes.txt", "nowhere\tbefore\tx\tany\twhy\texample",
     r"head_vetoes.txt: entry \d+ \['nowhere'\]: expected 'id<TAB>after\|lead\|name"),
    ("programme_verbs.txt", "形成\tclause_start",
     r"programme_verbs.txt: entry \d+ \['形成', 'clause_start'\]: expected 'verb', 'verb<TAB>clause-start' or 'verb<TAB>heads-only'"),
])
def test_a_malformed_pattern_row_names_the_file_and_the_row(tmp_path, filename, row, message):
    import shutil

    from kg.errors import LexiconError
    from kg.lexicon import load_lexicon
    from kg.resources import lexicon_dir

    folder = tmp_path / "lexicon"
    shutil.copytree(lexicon_dir(), folder)
    with (folder / filename).open("a", encoding="utf-8") as handle:
        handle.write(row + "\n")
    with pytest.raises(LexiconError, match=message):
        load_lexicon(folder)


def _name_pattern_cases():
    from kg.lexicon import load_lexicon

    return [pytest.param(p, id=p.id) for p in load_lexicon().name_patterns]


@pytest.mark.parametrize("pattern", _name_pattern_cases())
def test_every_name_pattern_gives_the_name_of_its_example(lexicon, pattern):
    sentence, _, name = pattern.example.partition(" -> ")
    found = [(m.name, m.type, m.rule) for m in _mentions(sentence, lexicon)]
    assert (name, pattern.type, f"pattern/{pattern.id}") in found


@pytest.mark.parametrize("text, expected", [
    # the meeting line of a county's, a province's and the State Council's report
    ("2022年2月18日在涞水县第十七届人民代表大会第二次会议上", ["涞水县第十七届人民代表大会"]),
    ("——2026年2月2日在广西壮族自治区第十四届人民代表大会第五次会议上", ["广西壮族自治区第十四届人民代表大会"]),
    ("2024年3月5日在第十四届全国人民代表大会第二次会议上", ["第十四届全国人民代表大会"]),
    # its standing committee and its deputies are other names
    ("自觉接受县人大及其常委会的监督", ["县人大"]),
])
def test_congress_sessions_of_every_level(lexicon, text, expected):
    assert [m.name for m in _mentions(text, lexicon) if m.type.value == "Organization"] == expected


def test_no_module_of_the_extractor_is_over_400_lines():
    """Issue 15: the rules are split by mechanism, no module of ``kg/mentions/`` over 400 lines."""
    import kg.mentions

    folder = Path(kg.mentions.__file__).parent
    lengths = {path.name: len(path.read_text(encoding="utf-8").splitlines()) for path in folder.glob("*.py")}
    assert len(lengths) >= 10
    assert {name: n for name, n in lengths.items() if n > 400} == {}
