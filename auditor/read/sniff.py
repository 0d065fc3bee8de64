"""Recognise what a file is before reading it, and explain in plain words what to do with the
files we cannot read: an old binary .doc, a PDF named .json, an encrypted or corrupt .docx, a ZIP that is
not a Word file, text in a legacy Vietnamese encoding (TCVN3/ABC, VNI, Windows-1258).

Only the standard library is used here, so the JSON reader can call `sniff_binary` cheaply.
"""

from __future__ import annotations

import io
import re

from auditor.records import dataclass

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Problem:
    """A file the tool cannot read as it is: the finding to give (rule, messages) and its kind."""
    rule_id: str
    vi: str
    en: str
    kind: str = ""


def _p(kind: str, vi: str, en: str, rule: str = "INP005") -> Problem:
    return Problem(rule, vi, en, kind)


DOC = _p("doc",
         "Tệp là văn bản Word định dạng cũ (.doc, nhị phân), công cụ không đọc được. Hãy mở tệp bằng "
         "Word hoặc LibreOffice, chọn Lưu thành (Save As) → “Word Document (*.docx)”, rồi kiểm tra lại "
         "tệp .docx.",
         "This is an old binary Word file (.doc), which the tool cannot read. Open it in Word or "
         "LibreOffice, choose Save As → “Word Document (*.docx)”, and check the .docx instead.")
ENCRYPTED = _p("encrypted",
               "Tệp Word được đặt mật khẩu (đã mã hóa) nên không đọc được nội dung. Hãy mở tệp bằng Word, "
               "gỡ mật khẩu (Tệp → Thông tin → Bảo vệ tài liệu → Mã hóa bằng mật khẩu, xóa mật khẩu), lưu "
               "lại rồi kiểm tra lại.",
               "The Word file is password-protected (encrypted), so its content cannot be read. Open it "
               "in Word, remove the password (File → Info → Protect Document → Encrypt with Password, "
               "clear it), save, and check it again.")
OLE_OTHER = _p("ole",
               "Tệp là định dạng Office cũ (nhị phân OLE), không phải .docx. Hãy mở bằng Word/LibreOffice "
               "và lưu lại thành .docx.",
               "This is an old binary Office file (OLE container), not a .docx. Open it in Word or "
               "LibreOffice and save it as .docx.")
PDF_NAMED = _p("pdf",
               "Tệp là PDF nhưng mang đuôi khác. Hãy đổi tên tệp thành .pdf rồi chạy lại (audit bao_cao.pdf); nếu có "
               "tệp Word (.docx) gốc của báo cáo, nên kiểm tra tệp đó.",
               "This is a PDF with another extension. Rename it to .pdf and run again (audit report.pdf); if the "
               "report's original Word file (.docx) exists, check that instead.")
RTF = _p("rtf",
         "Tệp là RTF. Hãy mở bằng Word và lưu lại thành .docx.",
         "This is an RTF file. Open it in Word and save it as .docx.")
ODT = _p("odt",
         "Tệp là văn bản OpenDocument (.odt). Hãy mở bằng LibreOffice và lưu lại thành .docx "
         "(Lưu thành → Word 2007-365).",
         "This is an OpenDocument text (.odt). Open it in LibreOffice and save it as .docx "
         "(Save As → Word 2007-365).")
XLSX = _p("xlsx",
          "Tệp là bảng tính Excel, không phải báo cáo Word. Hãy gửi tệp báo cáo .docx (bảng chỉ tiêu "
          "nằm trong báo cáo).",
          "This is an Excel workbook, not a Word report. Submit the report's .docx (with its "
          "indicator table inside).")
ZIP_OTHER = _p("zip",
               "Tệp là tệp nén (ZIP) nhưng không phải văn bản Word .docx. Hãy giải nén và chọn tệp .docx "
               "của báo cáo.",
               "This is a ZIP archive but not a Word .docx. Unpack it and choose the report's .docx.")
CORRUPT = _p("corrupt",
             "Tệp .docx bị hỏng (không giải nén được hoặc thiếu nội dung văn bản). Hãy mở bằng Word "
             "(Word sẽ đề nghị sửa tệp), lưu lại thành .docx mới, hoặc xin đơn vị gửi lại tệp.",
             "The .docx is corrupt (it cannot be unpacked or has no document body). Open it in Word "
             "(Word offers to repair it) and save a new .docx, or ask for the file again.")
BINARY = _p("binary",
            "Tệp không phải văn bản (có dữ liệu nhị phân). Công cụ đọc .docx, .pdf, .txt, .md và .json (và ảnh "
            ".png/.jpg của một trang).",
            "The file is not text (it contains binary data). The tool reads .docx, .pdf, .txt, .md and .json (and "
            ".png/.jpg images of a page).")
LEGACY_FONT = _p("legacy",
                 "Văn bản dùng bảng mã tiếng Việt cũ (TCVN3/ABC với phông .VnTime, hoặc VNI với phông "
                 "VNI-Times), nên chữ hiện sai (ví dụ “Tæng kÕt”, “Toång keát” thay cho “Tổng kết”). Hãy "
                 "chuyển sang Unicode bằng Unikey: bấm Ctrl+Shift+F6 (Công cụ chuyển mã), chọn bảng mã "
                 "nguồn TCVN3 (ABC) hoặc VNI Windows, bảng mã đích Unicode, chuyển mã rồi lưu lại và "
                 "kiểm tra lại.",
                 "The text uses a legacy Vietnamese encoding (TCVN3/ABC with .VnTime fonts, or VNI with "
                 "VNI-Times fonts), so letters come out wrong (e.g. “Tæng kÕt”, “Toång keát” for “Tổng "
                 "kết”). Convert it to Unicode with Unikey: press Ctrl+Shift+F6 (conversion tool), source "
                 "TCVN3 (ABC) or VNI Windows, target Unicode, convert, save and check again.")


def not_utf8(offset: int, legacy_hint: bool) -> Problem:
    hint_vi = (" Có vẻ đây là bảng mã tiếng Việt cũ (Windows-1258, TCVN3 hoặc VNI)." if legacy_hint else "")
    hint_en = (" It looks like a legacy Vietnamese encoding (Windows-1258, TCVN3 or VNI)." if legacy_hint else "")
    return Problem(
        "INP001",
        f"Tệp văn bản không phải UTF-8 (byte lỗi ở vị trí {offset}).{hint_vi} Hãy lưu lại tệp với mã hóa "
        "UTF-8 (Notepad: Lưu thành → Mã hóa: UTF-8), hoặc chuyển mã sang Unicode bằng Unikey "
        "(Ctrl+Shift+F6), rồi kiểm tra lại.",
        f"The text file is not UTF-8 (bad byte at offset {offset}).{hint_en} Save it again as UTF-8 "
        "(Notepad: Save As → Encoding: UTF-8), or convert it to Unicode with Unikey (Ctrl+Shift+F6), "
        "and check it again.", "encoding")


EMPTY = Problem("INP002", "Tệp rỗng.", "The file is empty.", "empty")


def sniff_binary(data: bytes) -> Problem | None:
    """A problem for a file that is a known non-readable format (cheap: magic bytes and, for a
    ZIP, its member names), else None."""
    head = data[:8]
    if head.startswith(OLE_MAGIC):
        if _has_utf16(data, "EncryptedPackage") or _has_utf16(data, "EncryptionInfo"):
            return ENCRYPTED
        if _has_utf16(data, "WordDocument"):
            return DOC
        return OLE_OTHER
    if data.lstrip()[:5] == b"%PDF-":
        return None  # read by auditor/extract/pdf.py
    if data[:5] == b"{\\rtf":
        return RTF
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        if _zip_entries(data) > MAX_ZIP_MEMBERS:
            return _too_big("members", "", _zip_entries(data))
        from auditor.read.zipread import open_plain

        plain = open_plain(data)  # (zipfile's listing of a plain archive, without importing it)
        if plain is not None:
            infos = plain.infolist()
        else:
            import zipfile  # (only a ZIP needs it: not imported for a report's JSON)

            try:
                with zipfile.ZipFile(io.BytesIO(data)) as z:
                    infos = z.infolist()
            except (zipfile.BadZipFile, ValueError, OSError, EOFError, RuntimeError, NotImplementedError):
                return CORRUPT
        names = {i.filename for i in infos}
        if "word/document.xml" in names:
            return zip_bomb(infos)
        if "content.xml" in names and "mimetype" in names:
            return ODT
        if "xl/workbook.xml" in names:
            return XLSX
        if "[Content_Types].xml" in names:
            return CORRUPT
        return ZIP_OTHER
    return None


# A .docx has a few dozen members; a ZIP with more than this is not one (and listing a million
# members costs more memory than the file's size).
MAX_ZIP_MEMBERS = 10_000


def _zip_entries(data: bytes) -> int:
    """The number of members the ZIP's end record announces (0 when there is none), read before
    the directory itself is: a ZIP64 count (0xFFFF) counts as too many."""
    at = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if at < 0 or at + 22 > len(data):
        return 0
    n = int.from_bytes(data[at + 10:at + 12], "little")
    return MAX_ZIP_MEMBERS + 1 if n == 0xFFFF else n


def zip_bomb(infos: list) -> Problem | None:  # type: ignore[type-arg]
    """INP009 for a .docx that would inflate beyond the limits, else None: a member larger than
    `limits.docx_member_mb` once inflated, or (above 1 MB) more than `limits.docx_ratio` times
    its compressed size, or all members together above the member limit. Checked on the sizes
    the ZIP declares, before anything is inflated: `zipfile` never inflates a member beyond its
    declared size (it stops there, and a member that lies about it fails its CRC check as a
    corrupt file), so these checks bound what reading the document can inflate."""
    from auditor.numeric import limits

    lim = limits.current()
    total = 0
    for i in infos:
        total += i.file_size
        if i.file_size > lim.docx_member_size:
            return _too_big("member", i.filename, i.file_size)
        if i.file_size > 1024 * 1024 and i.file_size > lim.docx_ratio * max(i.compress_size, 1):
            return _too_big("ratio", i.filename, i.file_size, i.compress_size)
    if total > lim.docx_member_size:
        return _too_big("total", "", total)
    return None


def _too_big(kind: str, name: str, size: int, packed: int = 0) -> Problem:
    from auditor.numeric import limits

    lim = limits.current()
    mb = f"{size / (1024 * 1024):,.0f} MB".replace(",", ".")
    if kind == "members":
        vi = (f"Tệp nén có {size} thành phần (một tệp .docx chỉ có vài chục; tối đa {MAX_ZIP_MEMBERS}): không "
              "đọc.")
        en = f"The ZIP has {size} members (a .docx has a few dozen; at most {MAX_ZIP_MEMBERS}): not read."
    elif kind == "ratio":
        key = limits.key_of("docx_ratio")
        vi = (f"Thành phần {name} của tệp .docx giải nén ra {mb}, gấp {size // max(packed, 1)} lần kích thước nén "
              f"(tối đa {lim.docx_ratio} lần; khóa cấu hình {key}): dấu hiệu “bom nén”, không đọc.")
        en = (f"The .docx member {name} inflates to {mb}, {size // max(packed, 1)} times its compressed size (at "
              f"most {lim.docx_ratio} times; configuration key {key}): the mark of a zip bomb, not read.")
    else:
        key = limits.key_of("docx_member_mb")
        what_vi = f"Thành phần {name} của tệp .docx" if kind == "member" else "Các thành phần của tệp .docx"
        what_en = f"The .docx member {name}" if kind == "member" else "The .docx members together"
        vi = (f"{what_vi} giải nén ra {mb} (tối đa {lim.docx_member_mb} MB; khóa cấu hình {key}): không đọc.")
        en = (f"{what_en} inflate to {mb} (at most {lim.docx_member_mb} MB; configuration key {key}): not read.")
    return Problem("INP009", vi, en, "too_big")


def _has_utf16(data: bytes, name: str) -> bool:
    return name.encode("utf-16-le") in data


# ---------------------------------------------------------------------------- text encodings

# Letters only Vietnamese uses (not in Latin-1, so never produced by legacy-font mojibake).
_VN_UNICODE = re.compile(r"[ăđơưĂĐƠƯĩũĨŨ\u1ea0-\u1ef9\u0300-\u0323]")
# TCVN3 (ABC) read as Windows-1252/Latin-1: “Tæng kÕt”, “B¸o c¸o”, “ñy ban” …
_TCVN3_CHARS = re.compile(r"[¸µ¶·¹¨©ª«¬®¯°±²³´½¾ÆÇËÌÎÏÑÒÓÔÕÖ×ØÜÝÞßãåæçèéëìíîïñóôõöøùûüýþ]")
# VNI read as Windows-1252: “Toång keát”, “Baùo caùo”, “UÛy ban”: a vowel followed by a mark char.
# (one class of both alternatives' first characters, each alternative looking back at the one taken:
# `re` skips in C to a candidate; the same matches, tests/test_first_char_patterns.py)
_VNI_SEQ = re.compile(r"[aeiouyAEIOUYñÑ](?:(?<=[aeiouyAEIOUY])[øùûõïåäâáàãéèêëìíîñòóôöúü]|(?<=[ñÑ])[aeiouAEIOU])")


def decode_text(data: bytes) -> tuple[str | None, Problem | None]:
    """Decode a text document: UTF-8 (with or without BOM) or UTF-16 with a BOM."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:4096]:
        return None, BINARY
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        high = sum(1 for b in data if b >= 0x80)
        return None, not_utf8(e.start, high > 0)
    return text, None


def legacy_font_text(text: str) -> bool:
    """True when Unicode text is mojibake of a legacy Vietnamese encoding: many Latin-1 marks
    in TCVN3 or VNI patterns and few real Vietnamese letters."""
    sample = text[:20000]
    tcvn = len(_TCVN3_CHARS.findall(sample))
    vni = len(_VNI_SEQ.findall(sample))
    legacy = max(tcvn, vni)
    if legacy < 5:
        return False
    # legacy > 3 × the real letters: counted only until there are more than that allows (a
    # Vietnamese text has thousands: counting them all was ~3 M instructions on a seed)
    most = (legacy - 1) // 3
    vn = 0
    for _ in _VN_UNICODE.finditer(sample):
        vn += 1
        if vn > most:
            return False
    return True


DOCX_AS_JSON = _p("docx_named",
                  "Tệp là văn bản Word (.docx) nhưng mang đuôi khác. Hãy đổi tên tệp thành .docx rồi chạy lại "
                  "(audit bao_cao.docx).",
                  "This is a Word document (.docx) with another extension. Rename it to .docx and run again "
                  "(audit report.docx).")


def sniff_for_json(data: bytes) -> Problem | None:
    """For the JSON reader: a document format where a report in JSON was expected."""
    if data.lstrip()[:5] == b"%PDF-":
        return PDF_NAMED
    p = sniff_binary(data)
    if p is None and data[:4] == b"PK\x03\x04":
        return DOCX_AS_JSON
    return p
