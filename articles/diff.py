"""A readable comparison of two versions of an article: its Markdown line by line, and within a changed
line, word by word. Plain data for a template, which escapes every piece of text."""

import difflib
import re
from dataclasses import dataclass, field

import yaml

from articles.fields import COMPARED_FIELDS
from articles.models import Article

CONTEXT_LINES = 2
# Below this likeness, a changed line reads better as one line removed and another added.
PAIR_RATIO = 0.4
TOKEN_RE = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass
class Line:
    kind: str  # "same", "removed", "added", "changed" (parts show the words), or "gap" (unchanged lines left out)
    text: str = ""
    parts: list = field(default_factory=list)  # (kind, text) pairs: "same", "removed" or "added"
    skipped: int = 0


@dataclass
class FieldDiff:
    name: str
    label: str
    lines: list
    added: int = 0
    removed: int = 0

    @property
    def changed(self):
        return bool(self.added or self.removed)


def as_text(name, value):
    """A field as an editor reads it in a file: references as their YAML list, everything else as is."""
    if value in (None, ""):
        return ""
    if name == "references":
        return yaml.safe_dump(value, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1000)
    return str(value)


def word_parts(old, new):
    old_tokens, new_tokens = TOKEN_RE.findall(old), TOKEN_RE.findall(new)
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    parts = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(("same", "".join(old_tokens[i1:i2])))
            continue
        if op in ("delete", "replace"):
            parts.append(("removed", "".join(old_tokens[i1:i2])))
        if op in ("insert", "replace"):
            parts.append(("added", "".join(new_tokens[j1:j2])))
    return parts


def diff_lines(old, new, context=CONTEXT_LINES):
    """The lines of new against old: changes, with `context` unchanged lines around each, the rest as gaps."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    lines, added, removed = [], 0, 0
    opcodes = matcher.get_opcodes()
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            same = old_lines[i1:i2]
            keep_before = context if index > 0 else 0
            keep_after = context if index < len(opcodes) - 1 else 0
            if len(same) > keep_before + keep_after + 1:
                lines += [Line("same", text) for text in same[:keep_before]]
                lines.append(Line("gap", skipped=len(same) - keep_before - keep_after))
                lines += [Line("same", text) for text in same[len(same) - keep_after :]]
            else:
                lines += [Line("same", text) for text in same]
            continue
        gone, come = old_lines[i1:i2], new_lines[j1:j2]
        removed += len(gone)
        added += len(come)
        paired = min(len(gone), len(come)) if op == "replace" else 0
        for before, after in zip(gone[:paired], come[:paired], strict=True):
            if difflib.SequenceMatcher(None, before, after, autojunk=False).ratio() >= PAIR_RATIO:
                lines.append(Line("changed", parts=word_parts(before, after)))
            else:
                lines += [Line("removed", before), Line("added", after)]
        lines += [Line("removed", text) for text in gone[paired:]]
        lines += [Line("added", text) for text in come[paired:]]
    return lines, added, removed


def compare(old, new, names=COMPARED_FIELDS):
    """old and new: {field name: value} of two versions. One FieldDiff per compared field."""
    diffs = []
    for name in names:
        lines, added, removed = diff_lines(as_text(name, old.get(name)), as_text(name, new.get(name)))
        label = str(Article._meta.get_field(name).verbose_name).capitalize()
        diffs.append(FieldDiff(name, label, lines, added, removed))
    return diffs


def other_changes(old, new, names):
    """(label, old, new) for each other field whose value differs, shown as plain values."""
    rows = []
    for name in names:
        if name in COMPARED_FIELDS:
            continue
        before, after = old.get(name), new.get(name)
        if before != after:
            rows.append((str(Article._meta.get_field(name).verbose_name).capitalize(), before, after))
    return rows
