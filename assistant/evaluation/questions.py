"""The gold question set: JSONL, one question per line (format in eval/README.md)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import InvalidInput
from assistant.evaluation.metrics import Group, part_count

KINDS = ("duty", "procedure", "speech", "lookup", "multi", "basis", "unanswerable")


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    kind: str
    question: str
    groups: tuple[Group, ...]
    need: str
    answer_keys: tuple[tuple[str, ...], ...]
    answerable: bool
    split: str
    note: str = ""

    @property
    def parts(self) -> int:
        """Parts of the answer (need=all counts them; alternatives of a part are not parts)."""
        return part_count(self.groups)


def load_questions(path: Path, split: str = "all") -> list[Question]:
    """Read and validate; a malformed line is an error naming the line."""
    if not path.is_file():
        raise InvalidInput(f"找不到问题集：{path}")
    out = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            q = Question(
                id=raw["id"],
                kind=raw["kind"],
                question=raw["question"],
                groups=tuple(
                    Group(g["title"], g["contains"], g.get("part")) for g in raw.get("relevant", [])
                ),
                need=raw.get("need", "any"),
                answer_keys=tuple(tuple(alts) for alts in raw.get("answer_keys", [])),
                answerable=bool(raw.get("answerable", True)),
                split=raw.get("split", "dev"),
                note=raw.get("note", ""),
            )
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InvalidInput(f"{path}:{lineno}: 格式错误：{exc}") from exc
        if q.need not in ("any", "all") or (q.answerable and not q.groups):
            raise InvalidInput(f"{path}:{lineno}: need 须为 any/all，可回答的问题须有 relevant")
        for i, g in enumerate(q.groups):
            if g.part is not None and not (
                type(g.part) is int and 0 <= g.part < i and q.groups[g.part].part is None  # not a bool
            ):
                raise InvalidInput(f"{path}:{lineno}: relevant[{i}].part 须指向前面一个不带 part 的组")
        if split == "all" or q.split == split:
            out.append(q)
    return out
