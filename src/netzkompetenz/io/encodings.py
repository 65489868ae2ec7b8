"""Which encoding a text file (CSV, JSON) is in: by its byte order mark, UTF-8, or
Windows-1252 only when that is safe; anything else refused with the position of the first
byte that does not fit (docs/batch.md, "Encodings")."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from netzkompetenz.errors import InputError
from netzkompetenz.i18n import _
from netzkompetenz.io.files import read_bytes, reading

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)  # UTF-32 LE first: its BOM starts like UTF-16's
# Bytes Windows-1252 leaves undefined: a file holding one is in neither encoding.
_CP1252_UNDEFINED = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
# UTF-8 of the letters of names in German municipalities (Latin-1 and Latin Extended-A:
# ä ö ü ß é ı ş ł …) and of typographic quotes and dashes. Read as Windows-1252 they are the
# familiar mojibake ("Ã¼", "Ä±", "â€ž"), which real Windows-1252 text practically never
# holds: a file with such a sequence and a byte that is not UTF-8 has mixed encodings.
_UTF8_LETTER = re.compile(rb"[\xc2-\xc5][\x80-\xbf]|\xe2\x80[\x80-\xbf]")


def detect_encoding(path: Path) -> str:
    """UTF-32 or UTF-16 by their BOM; UTF-8 (with or without Excel's BOM) if every byte
    decodes; Windows-1252 only if the file holds no UTF-8 letter (_UTF8_LETTER) and every
    byte is defined in Windows-1252. Anything else is refused with the line and column of
    the first byte that does not fit, so that no name is read wrongly."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with reading(path):
        try:
            with path.open("rb") as handle:
                start = handle.read(4)
                for bom, encoding in _BOMS:
                    if start.startswith(bom):
                        return encoding
                handle.seek(0)
                while block := handle.read(1 << 20):
                    if b"\x00" in block:  # valid UTF-8, but no text file holds it
                        raise UnicodeDecodeError("utf-8", b"", 0, 0, "NUL")
                    decoder.decode(block)
                decoder.decode(b"", final=True)
                return "utf-8-sig"
        except UnicodeDecodeError:
            pass  # not UTF-8: the whole file is looked at once (rare; the message needs positions)
    data = read_bytes(path)
    if b"\x00" in data:
        line, column = _position(data, data.index(b"\x00"))
        raise InputError.single(
            path,
            _("not a text file (a NUL byte): UTF-16 without its byte order mark? Save it as UTF-8"),
            line,
            column,
        )
    try:
        data.decode("utf-8")
        return "utf-8-sig"  # it was rewritten meanwhile
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    undefined = _CP1252_UNDEFINED.search(data)
    utf8 = _UTF8_LETTER.search(data)
    if undefined is None and utf8 is None:
        return "cp1252"
    line, column = _position(data, first_bad)
    if utf8 is not None:
        raise InputError.single(
            path,
            _(
                "mixed encodings: byte {byte} is not UTF-8, but other "
                "text in the file is; save the file as UTF-8"
            ).format(byte=f"0x{data[first_bad]:02X}"),
            line,
            column,
        )
    assert undefined is not None
    line, column = _position(data, undefined.start())
    raise InputError.single(
        path,
        _("byte {byte} is neither UTF-8 nor Windows-1252; save the file as UTF-8").format(
            byte=f"0x{data[undefined.start()]:02X}"
        ),
        line,
        column,
    )


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in bytes) of a byte offset."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1
