"""Is an XML part of a .docx well-formed, with its namespaces, as `ElementTree` would read it?
Answered without building a tree, and cheaply for a part that declares its namespaces where Word
does (issue 16).

`ElementTree` parses with expat with namespaces processed. That costs twice the plain parse on
Word's parts: each prefixed attribute's name is expanded and hashed to look for duplicates
(Word's own 350 KB styles part: ~69 M instructions against ~31 M). What the namespaces add to
well-formedness is only about the names with a colon: a prefix that is not declared, a name
with two colons or none after one, two prefixes for one namespace on one element, a reserved
prefix or namespace declared. So when the part

- declares every namespace on its root element (no `xmlns` anywhere else), each prefix once,
  each to its own namespace, none reserved or empty, and has no colon before the root;
- and after the root's start tag, every colon comes right after a declared prefix (or `xml`)
  that comes right after a character that cannot be in a name (`<>/="'` or white space), and
  right before a letter or `_` (colons in text and values are tested too: more than needed,
  never less), so that each name has at most one colon, after a declared prefix;

the plain parse decides alone: such a part parses with namespaces exactly when it parses
without. Any other part is parsed with namespaces, as before; so is one the plain parse refuses
(the same refusal either way). tests/test_docx_styles_check.py compares the answers with
`ElementTree`'s on damaged and crafted parts.
"""

from __future__ import annotations

import re
from xml.parsers import expat

_ROOT = re.compile(rb"<([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*/?>")
_ATTR = re.compile(rb"\s+([^\s=/>]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_NCNAME = re.compile(rb"[A-Za-z_][\w.-]*")  # (ASCII: a part with other names takes the full check)
_QNAME = re.compile(rb"(?:[A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*")
_RESERVED = (b"http://www.w3.org/XML/1998/namespace", b"http://www.w3.org/2000/xmlns")
_BAD_LOCAL = re.compile(rb":(?![A-Za-z_])")
# the characters that end a name (and white space): each becomes a space
_BREAKS = bytes.maketrans(b"<>/=\"'\t\r\n\x0b\x0c", b" " * 11)


def parse_check(data: bytes) -> None:
    """Raise as `ElementTree.fromstring(data)` would for a badly formed part (an `ExpatError`),
    else return. (A document type declaration is refused before: see docx._no_doctype.)"""
    if _plain_suffices(data):
        try:
            expat.ParserCreate().Parse(data, True)
            return
        except expat.ExpatError:
            pass  # (refused: the namespace-aware parse below gives its own refusal)
    expat.ParserCreate(namespace_separator="}").Parse(data, True)


def _plain_suffices(data: bytes) -> bool:
    """True when the part's names are such that it parses with namespaces exactly when it
    parses without (see the module's text)."""
    if b"\x00" in data[:256]:
        return False  # UTF-16 or worse: the full check
    start = data.find(b"<")
    while start >= 0 and data.startswith(b"<?", start):  # the XML declaration, processing instructions
        end = data.find(b"?>", start)
        start = data.find(b"<", end) if end >= 0 else -1
    if start < 0 or b":" in data[:start] or b"<!" in data[:start]:
        return False
    root = _ROOT.match(data, start)
    if root is None:
        return False
    if data.find(b"xmlns", root.end()) >= 0:
        return False  # a namespace declared below the root
    prefixes, uris = {b"xml"}, set()
    names = [root.group(1)]
    for a in _ATTR.finditer(root.group(2)):
        name, value = a.group(1), a.group(2) if a.group(2) is not None else a.group(3)
        if name == b"xmlns" or name.startswith(b"xmlns:"):
            if not value or b"&" in value or value.startswith(_RESERVED):
                return False
            if name != b"xmlns":
                prefix = name[6:]
                if not _NCNAME.fullmatch(prefix) or prefix in prefixes or prefix == b"xmlns" or value in uris:
                    return False
                prefixes.add(prefix)
                uris.add(value)
            continue
        names.append(name)
    if not all(_qname_ok(n, prefixes) for n in names):
        return False
    # after the root's start tag, with each character that ends a name made a space: every colon
    # right after a space and a declared prefix (so one colon a name, after its prefix), and
    # followed by a letter or "_" (counted, not listed: the part has ~25.000 colons)
    rest = data[root.end():].translate(_BREAKS)
    colons = rest.count(b":")
    # (each colon is counted for one prefix at most: once all are, the other prefixes have none;
    # the root's own prefix first, the one most names have)
    own = root.group(1).partition(b":")[0] if b":" in root.group(1) else b""
    counted = 0
    for p in sorted(prefixes, key=lambda p: (p != own, p)):
        if counted == colons:
            break
        counted += rest.count(b" " + p + b":")
    return counted == colons and (colons == 0 or _BAD_LOCAL.search(rest) is None)


def _qname_ok(name: bytes, prefixes: set[bytes]) -> bool:
    if b":" not in name:
        return _QNAME.fullmatch(name) is not None
    prefix, _, local = name.partition(b":")
    return prefix in prefixes and _QNAME.fullmatch(local) is not None and b":" not in local
