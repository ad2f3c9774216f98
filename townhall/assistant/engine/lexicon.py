"""The lexicon of everyday phrasings (lexicon.txt): slug -> lines.

Kept as a text file so that whoever writes guidance can extend it without
touching code; see the file's own header for what belongs in it.
"""

from __future__ import annotations

from pathlib import Path

LEXICON = Path(__file__).with_name("lexicon.txt")


def lexicon_load(path: Path = LEXICON) -> dict[str, tuple[str, ...]]:
    """Each unindented line names a slug; the indented lines under it are its phrasings."""
    entries: dict[str, list[str]] = {}
    slug = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            slug = line.strip()
            entries.setdefault(slug, [])
        elif slug is None:
            raise ValueError(f"{path}:{number}: a phrasing before any slug")
        else:
            entries[slug].append(line.strip())
    return {slug: tuple(lines) for slug, lines in entries.items()}
