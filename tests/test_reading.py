import pytest

from kg.errors import ReadError
from kg.reading import decode, document_from_bytes, read_document

from .conftest import DATA, REPORTS

EXPECTED = "区委常委会工作报告\n\n同志们：\n2019年，区委常委会深入开展扫黑除恶专项斗争，制定出台《区委常委会议事规则》。\n"


@pytest.mark.parametrize(
    "file_name, encoding",
    [
        ("utf8.txt", "utf-8"),
        ("utf8_bom.txt", "utf-8-sig"),
        ("gb18030.txt", "gb18030"),
        ("gbk.txt", "gb18030"),
        ("utf16le_bom.txt", "utf-16-le"),
        ("utf16be_bom.txt", "utf-16-be"),
        ("utf16le.txt", "utf-16-le"),
    ],
)
def test_each_supported_encoding_decodes_to_the_same_text(file_name, encoding):
    document = read_document(DATA / "encodings" / file_name)
    assert document.text == EXPECTED
    assert document.encoding == encoding
    assert document.name == file_name


def test_sample_reports_are_read_unchanged():
    for path in sorted(REPORTS.glob("*.txt")):
        document = read_document(path)
        assert document.text == path.read_bytes().decode("utf-8")
        assert len(document.sha256) == 64


def test_undecodable_file_is_named_in_the_error():
    with pytest.raises(ReadError, match="binary.txt"):
        read_document(DATA / "binary.txt")


def test_empty_and_missing_files_raise_read_error(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(ReadError, match="empty.txt: the file is empty"):
        read_document(tmp_path / "empty.txt")
    with pytest.raises(ReadError, match="missing.txt: cannot be read"):
        read_document(tmp_path / "missing.txt")


def test_control_characters_are_not_taken_for_gb18030():
    with pytest.raises(ReadError):
        decode(b"\x01\x02\x03\x04\x05\x06\x07\x08" * 20, "junk")


SAMPLE = REPORTS / "000_bda7739a96efcbec.txt"


def _cut_at(data: bytes, word: str) -> int:
    return data.index(word.encode("utf-8"))


@pytest.mark.parametrize("nuls", [1, 3])
def test_a_utf8_report_with_stray_nuls_is_read_as_utf8_and_warned(nuls):
    """One NUL used to make the report UTF-16-BE garbage; three were kept in the extracted text."""
    data = SAMPLE.read_bytes()
    at = _cut_at(data, "扫黑除恶")
    damaged = data[:at] + b"\x00" * nuls + data[at:]
    document = document_from_bytes(damaged, "r.txt")
    assert document.encoding == "utf-8"
    assert document.text == damaged.decode("utf-8")  # the reference text keeps them
    assert document.warnings == (f"r.txt: {nuls} NUL byte(s) left out of extraction (the first at byte {at})",)


def test_nuls_are_left_out_of_extraction_and_the_entities_kept(lexicon):
    from kg.extraction import extract_document

    data = SAMPLE.read_bytes()
    at = _cut_at(data, "扫黑除恶")
    clean = extract_document(document_from_bytes(data, "r.txt"), lexicon)
    damaged = extract_document(document_from_bytes(data[:at] + b"\x00\x00" + data[at:], "r.txt"), lexicon)
    assert {e.name for e in damaged.entities} == {e.name for e in clean.entities}
    assert not any("\x00" in s.text for s in damaged.sentences)


def test_a_file_cut_inside_a_character_is_read_with_a_replacement_and_warned():
    data = SAMPLE.read_bytes()
    at = _cut_at(data, "扫黑除恶")
    damaged = data[:at + 1] + data[at + 3:]  # the first byte of 扫 alone: the file was cut and glued
    document = document_from_bytes(damaged, "r.txt")
    assert document.encoding == "utf-8"
    assert document.text.count("\ufffd") == 1 and "\ufffd黑除恶" in document.text
    assert document.warnings == (f"r.txt: 1 byte(s) not UTF-8, read as U+FFFD (at byte {at})",)
    truncated = document_from_bytes(data[:at + 2], "r.txt")  # cut at the end
    assert truncated.text.endswith("\ufffd\ufffd") and truncated.warnings


def test_too_many_undecodable_bytes_name_the_first_offset():
    data = SAMPLE.read_bytes()
    junk = bytes([0xFF]) * 100 + data  # 100 bad bytes of 18,949: over 0.1 %
    with pytest.raises(ReadError, match=r"r.txt: not text .*\(the first byte that is not UTF-8 is at offset 0\)"):
        decode(junk, "r.txt")


def test_utf16_without_bom_still_wins_over_utf8_when_it_is_utf16():
    document = read_document(DATA / "encodings" / "utf16le.txt")
    assert document.encoding == "utf-16-le" and document.warnings == ()
