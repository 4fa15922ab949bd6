"""Stage 1: find input files and decode their bytes to text.

Pages come as UTF-8 (with or without BOM), GB18030/GBK or UTF-16. BOMs decide first; then strict
UTF-8; then charset-normalizer, a well-kept detector, restricted to the encodings a Chinese newspaper
archive actually uses (an unrestricted guess turns short GBK pages into Big5 or cp1252 mojibake).
Anything else is refused with one line that names the file and the reason.
"""
from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from pathlib import Path

from .errors import InputError, KgError
from .model import Page

#: encodings charset-normalizer may choose from, most likely first
CANDIDATE_ENCODINGS = ["utf_8", "gb18030", "utf_16", "big5"]
BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
MAX_CONTROL_RATIO = 0.01  # more control characters than this = binary, not text


def find_pages(paths: list[str | Path]) -> tuple[list[Path], list[InputError]]:
    """Expand files and folders (recursively ``*.txt``) into a sorted, de-duplicated file list.

    Paths that do not exist or cannot be listed are returned as errors, so the rest still builds.
    """
    files: list[Path] = []
    errors: list[InputError] = []
    for raw in paths:
        p = Path(raw)
        kind = _kind(p)
        if isinstance(kind, InputError):
            errors.append(kind)
            continue
        if kind == "dir":
            def on_error(err: OSError, _p=p):
                errors.append(InputError(str(err.filename or _p), f"cannot list folder: {err.strerror}"))
            for root, dirs, names in os.walk(p, onerror=on_error):
                dirs.sort()
                files.extend(Path(root) / n for n in sorted(names) if n.lower().endswith(".txt"))
        elif kind == "file":
            files.append(p)
        else:
            errors.append(InputError(display_name(str(p)), "no such file or folder"))
    seen: set[Path] = set()
    unique = []
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, errors


def _kind(p: Path) -> str | InputError:
    """"dir", "file", "missing", or the error of a path that cannot even be looked at (a parent folder
    without search permission: Path.is_dir raises PermissionError there)."""
    try:
        st = p.stat()
    except FileNotFoundError:
        return "missing"
    except NotADirectoryError:
        return "missing"
    except OSError as err:
        return InputError(display_name(str(p)), f"cannot access: {err.strerror or err}")
    return "dir" if stat.S_ISDIR(st.st_mode) else "file"


def folders(paths: list[str | Path]) -> list[Path]:
    """The arguments that are folders (one that cannot be looked at counts as none: its pages fail alone)."""
    return [Path(p) for p in paths if _kind(Path(p)) == "dir"]


#: hex digits of the content hash in IRIs: 64 bits, no clash expected below billions of pages
UID_HEX = 16


def page_uid(content_hash: str) -> str:
    """A page's identifier in IRIs (id:article/UID/1): the start of the SHA-256 of its bytes. It depends on
    nothing but the page, so renaming or moving a file, or building it with other pages, never changes
    its IRIs; the same bytes under two names are one page (listed with both file names)."""
    return content_hash[:UID_HEX]


def _has_surrogates(s: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in s)


def display_name(path: str) -> str:
    """A file name fit for IRIs, literals and messages: bytes that are not UTF-8 (kept by the OS as
    surrogate escapes) become U+FFFD."""
    s = str(path)
    if not _has_surrogates(s):
        return s
    return s.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def decode(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """Bytes -> (text, encoding name). Raises InputError when the bytes are not text."""
    if not data.strip():
        raise InputError(path, "empty file")
    for bom, enc in BOMS:
        if data.startswith(bom):
            try:
                # surrogatepass: a lone surrogate (half an emoji) costs one U+FFFD, not the page
                return _checked(data.decode(enc, errors="surrogatepass"), path), enc
            except UnicodeDecodeError as err:
                raise InputError(path, f"invalid {enc} after its byte-order mark at byte {err.start}") from None
    if b"\x00" in data[:4096]:
        text = _utf16_without_bom(data)
        if text is not None:
            return _checked(text, path), "utf-16"
        raise InputError(path, "binary file (NUL bytes), not a text page")
    # GB18030 is a superset of GBK and GB2312 and the usual legacy encoding of mainland pages.
    # A page with a few broken bytes in the middle is still read, with U+FFFD in their place.
    # UTF-16 without BOM and without ASCII has no NUL bytes, so it is tried too.
    for enc in ("utf-8", "gb18030", "utf-16-le", "utf-16-be"):
        text = data.decode(enc, errors="replace")
        broken = text.count("\ufffd")
        if broken > max(4, len(data) // 500) or _control_ratio(text) > MAX_CONTROL_RATIO:
            continue
        if enc == "utf-8" or _plausible(text):
            return _checked(text, path), enc.replace("-le", "").replace("-be", "")
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=CANDIDATE_ENCODINGS).best()
    if best is None:
        raise InputError(path, "cannot be decoded as UTF-8, GB18030/GBK or UTF-16 (not a text page?)")
    text = str(best)
    # a page with a few broken bytes is still worth reading: decode leniently, but say so
    return _checked(text, path), best.encoding


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without BOM: the NUL bytes sit on the odd (LE) or even (BE) positions of ASCII/CJK text."""
    even_nul = data[0::2].count(0)
    odd_nul = data[1::2].count(0)
    enc = "utf-16-le" if odd_nul > even_nul else "utf-16-be"
    try:
        text = data.decode(enc)   # strict: without a BOM, a lone surrogate says "not UTF-16"
    except UnicodeDecodeError:
        return None
    return text if _control_ratio(text) <= MAX_CONTROL_RATIO else None


# what a Chinese news page is made of: ASCII, CJK, CJK punctuation, full-width forms, general punctuation
_IMPLAUSIBLE = re.compile(r"[^\x00-\x7f\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2000-\u206f]")
# control characters (not whitespace) and the non-characters U+FFF0..FFFF except U+FFFD
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\ufff0-\ufffc\ufffe\uffff]")


def _plausible(text: str) -> bool:
    """Mostly common CJK, ASCII and punctuation: what a Chinese news page is made of."""
    bad = sum(1 for _ in _IMPLAUSIBLE.finditer(text))
    return len(text) - bad >= 0.97 * len(text)


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    return sum(1 for _ in _CONTROL.finditer(text)) / len(text)


# U+D800..U+DFFF: only ever halves of a UTF-16 pair; alone they cannot be written as UTF-8 (or into RDF)
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def replace_lone_surrogates(text: str) -> str:
    """Every lone surrogate code point becomes U+FFFD, so no later stage meets text it cannot encode."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def _checked(text: str, path: str) -> str:
    text = replace_lone_surrogates(text)
    if _control_ratio(text) > MAX_CONTROL_RATIO:
        raise InputError(path, "binary file (control characters), not a text page")
    if not text.strip():
        raise InputError(path, "no text")
    return text


MAX_PAGE_BYTES = 256 * 1024 * 1024   # a newspaper page is < 1 MB; anything this big is not a page


def read_bytes(path: str | Path, name: str | None = None) -> bytes:
    """A file's bytes, or an InputError naming it (missing, a folder, not a regular file, too large,
    no permission, I/O error)."""
    name = name or display_name(str(path))
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(st.st_mode):
            raise InputError(name, "not a regular file (a device, pipe or socket)")
        if st.st_size > MAX_PAGE_BYTES:
            raise InputError(name, f"too large for a page ({st.st_size // 2**20} MB; the limit is "
                                   f"{MAX_PAGE_BYTES // 2**20} MB)")
        return Path(path).read_bytes()
    except IsADirectoryError:
        raise InputError(name, "is a folder, expected a text file") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except FileNotFoundError:
        raise InputError(name, "no such file (removed while building?)") from None
    except MemoryError:
        raise InputError(name, "too large to read") from None
    except OSError as err:
        raise InputError(name, f"cannot read: {err.strerror or err}") from None


def read_page(path: str | Path, name: str | None = None) -> Page:
    """Read one file into a Page (raw text only; later stages fill the rest)."""
    name = name or display_name(str(path))
    return page_from_bytes(read_bytes(path, name), name)


def page_from_bytes(data: bytes, name: str) -> Page:
    text, encoding = decode(data, name)
    digest = hashlib.sha256(data).hexdigest()
    return Page(path=name, raw=text, encoding=encoding, content_hash=digest, uid=page_uid(digest))


__all__ = ["find_pages", "folders", "page_uid", "decode", "replace_lone_surrogates", "read_bytes", "read_page", "page_from_bytes", "InputError", "KgError"]
