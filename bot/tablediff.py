"""What changed between two Q&A tables, by entry id: the summary a table version records.

Works on the YAML itself (both lists, ``entries`` and ``smalltalk``), so any two tables
can be compared, including one read back from the database. An entry counts as changed
when any of its fields differs; moving it in the file is no change. Both tables have
been validated before (no anchors, bounded size); one that cannot be read gives no diff.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_LISTS = ("entries", "smalltalk")


@dataclass(frozen=True)
class TableDiff:
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()


def diff(old: bytes | None, new: bytes) -> TableDiff:
    """Entries added, removed and changed from ``old`` to ``new`` (all added if no ``old``)."""
    before = _entries(old) if old is not None else {}
    after = _entries(new)
    return TableDiff(
        added=tuple(i for i in after if i not in before),
        removed=tuple(i for i in before if i not in after),
        changed=tuple(i for i in after if i in before and after[i] != before[i]),
    )


def _entries(raw: bytes) -> dict[str, Any]:
    try:
        root = yaml.load(raw.decode("utf-8"), Loader=_Loader)
    except (UnicodeDecodeError, yaml.YAMLError):
        return {}
    found: dict[str, Any] = {}
    if not isinstance(root, dict):
        return found
    for name in _LISTS:
        items = root.get(name)
        for item in items if isinstance(items, list) else ():
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                found.setdefault(item["id"], item)
    return found
