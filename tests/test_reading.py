import pytest

from kg.errors import ReadError
from kg.reading import decode, read_document

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
