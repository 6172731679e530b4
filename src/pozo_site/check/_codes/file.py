"""File rules (F): a file that cannot be read as an article or firm profile at all.

These come from the loader (:mod:`pozo_site.check._load`); a file with one of them gets no
other finding, and the run goes on with the other files.
"""

from __future__ import annotations

from pozo_site.check._finding import Severity
from pozo_site.check._rule import Family, Rule

__all__ = [
    "BINARY",
    "EMPTY",
    "FRONT_MATTER_MISSING",
    "FRONT_MATTER_UNTERMINATED",
    "LINK_OUTSIDE",
    "NOT_MAPPING",
    "NOT_UTF8",
    "RULES",
    "SYMLINK_LOOP",
    "SYNTAX",
    "TOO_LARGE",
    "UNREADABLE",
    "YAML_ALIAS",
]

_E = Severity.ERROR
_F = Family.FILE

NOT_UTF8 = Rule(
    code="F001",
    name="not-utf8",
    family=_F,
    severity=_E,
    summary="The file is not UTF-8 text.",
    explanation=(
        "Articles and firm profiles must be UTF-8 (a byte-order mark is allowed). A file "
        "saved in another encoding (Windows-1252, Latin-1, UTF-16) shows wrong characters "
        "on the site. The finding points at the first byte that is not UTF-8 (or, for a "
        "UTF-16 or UTF-32 file with a byte-order mark, at the file); re-save the file as "
        "UTF-8 in your editor."
    ),
    example="A file saved as Windows-1252 with a curly quote: caf\\xe9",
)
BINARY = Rule(
    code="F002",
    name="binary-file",
    family=_F,
    severity=_E,
    summary="The file holds NUL bytes: it is binary, not text.",
    explanation=(
        "A file with NUL bytes is not a text file: an image or document saved with an .md "
        "name, or a UTF-16 text file without a byte-order mark. It cannot be an article; "
        "move it out of the content folder or re-save it as UTF-8 text."
    ),
    example="A .docx document renamed to article.md",
)
EMPTY = Rule(
    code="F003",
    name="empty-file",
    family=_F,
    severity=_E,
    summary="The file is empty (or holds only white space).",
    explanation=(
        "An empty article or firm profile is almost always a mistake: a file created and "
        "never written, or truncated by a failed save. Write its content or delete it."
    ),
    example="A zero-byte articles/draft.md",
)
FRONT_MATTER_MISSING = Rule(
    code="F004",
    name="front-matter-missing",
    family=_F,
    severity=_E,
    summary="The article does not start with YAML front matter.",
    explanation=(
        "Every article starts with front matter: a line '---', the keys (title, date, and "
        "so on), and a closing '---' line. Without it the site has no title, date or slug "
        "for the page. Add the front matter at the very top of the file."
    ),
    example="# Know Your Rights\n\nText without front matter.",
)
FRONT_MATTER_UNTERMINATED = Rule(
    code="F005",
    name="front-matter-unterminated",
    family=_F,
    severity=_E,
    summary="The front matter is opened with '---' but never closed.",
    explanation=(
        "The front matter opened on line 1 needs a closing '---' (or '...') line of its "
        "own; without it the whole article would be read as YAML. Add the closing line "
        "after the last key."
    ),
    example="---\ntitle: Know Your Rights\ndate: 2024-05-01\n\nThe body...",
)
SYNTAX = Rule(
    code="F006",
    name="invalid-syntax",
    family=_F,
    severity=_E,
    summary="The front matter or firm file is not valid YAML (or TOML, or JSON).",
    explanation=(
        "The parser stopped at the line and column given: often a value with a colon that "
        "needs quotes, a tab used for indentation, or a list item out of line. Fix the "
        "syntax there; nothing else in the file can be checked until it parses."
    ),
    example="---\ntitle: Visas: what to know\n---",
)
YAML_ALIAS = Rule(
    code="F007",
    name="yaml-alias",
    family=_F,
    severity=_E,
    summary="The YAML uses anchors or aliases (& and *), which are refused.",
    explanation=(
        "Anchors and aliases let a few lines of YAML expand into gigabytes (the 'billion "
        "laughs' attack), and hand-written front matter never needs them. They are "
        "refused before anything is expanded. Write the values out in full."
    ),
    example="---\nbase: &b {src: a.png, alt: A}\nimage: *b\n---",
)
NOT_MAPPING = Rule(
    code="F008",
    name="not-a-mapping",
    family=_F,
    severity=_E,
    summary="The front matter or firm file is not a mapping of keys to values.",
    explanation=(
        "Front matter and firm profiles are key: value mappings. A list or a lone value "
        "at the top level (often a missing 'key:' or a stray '-') cannot be read. Write "
        "each setting as 'key: value'."
    ),
    example="---\n- title: Know Your Rights\n---",
)
TOO_LARGE = Rule(
    code="F009",
    name="file-too-large",
    family=_F,
    severity=_E,
    summary="The file is larger than the configured limit (max-file-bytes).",
    explanation=(
        "Articles are a few kilobytes; a file over the limit is usually a misplaced export "
        "or data dump, and is not read at all. Move it out of the content folder, or "
        "raise max-file-bytes in [tool.pozo-site] if it really is an article."
    ),
    example="A 50 MB articles/export.md with the default limit of 1,000,000 bytes",
)
SYMLINK_LOOP = Rule(
    code="F010",
    name="symlink-loop",
    family=_F,
    severity=_E,
    summary="A symbolic link points, directly or through others, back to itself.",
    explanation=(
        "A symbolic link that loops (a.md -> b.md -> a.md, or a folder link to one of "
        "its own parents) has no content to check; the link is reported once and the "
        "rest of the folder is checked. Remove or repoint the link."
    ),
    example="articles/a.md -> a.md",
)
UNREADABLE = Rule(
    code="F011",
    name="unreadable-file",
    family=_F,
    severity=_E,
    summary="The file cannot be read (permission denied, missing, or another OS error).",
    explanation=(
        "The operating system refused to open or read the file, for the reason given. "
        "Fix its permissions (for example chmod a+r), or restore it if it is missing."
    ),
    example="articles/a.md with mode 000",
)
LINK_OUTSIDE = Rule(
    code="F012",
    name="link-outside-folder",
    family=_F,
    severity=Severity.WARNING,
    summary="A symbolic link leads outside the folder being checked; it is not followed.",
    explanation=(
        "The folder being checked is a boundary: a file or folder link that resolves "
        "outside it (ln -s / content/x, or a link to another project) would make the "
        "check read foreign files and --fix write them. Such a link is reported and "
        "skipped. If it is meant, set follow-links = true in [tool.pozo-site]; --fix "
        "still never writes through a link."
    ),
    example="content/shared -> /srv/other-site/articles",
)
RULES: tuple[Rule, ...] = (
    NOT_UTF8,
    BINARY,
    EMPTY,
    FRONT_MATTER_MISSING,
    FRONT_MATTER_UNTERMINATED,
    SYNTAX,
    YAML_ALIAS,
    NOT_MAPPING,
    TOO_LARGE,
    SYMLINK_LOOP,
    UNREADABLE,
    LINK_OUTSIDE,
)
"""This family's rules, in code order; the rule table is built from them."""
