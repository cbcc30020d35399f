"""Text-level helpers of a change: the lines two texts share at their ends, the file's line
ending, blank lines around inserted blocks, and diff hunk headers renumbered."""


def common_ends(old: list[str], new: list[str]) -> tuple[int, int]:
    """How many lines the two texts share at the start, and then at the end: a change made
    by an edit lies between them, so only that middle needs a line diff (linear in the file,
    quadratic only in the one release that changed)."""
    limit = min(len(old), len(new))
    start = 0
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return start, end


def line_ending(text: str) -> str:
    """The file's usual line end: CRLF when most of its lines end so, else LF."""
    crlf = text.count("\r\n")
    return "\r\n" if crlf and crlf * 2 > text.count("\n") else "\n"


def tidy_insertions(old: str, new: str) -> str:
    """Blank lines around blocks that a change inserted, and nowhere else; inserted lines end
    as the line above them does (or as most of the file's lines do).

    tomlkit places a new table right after the previous one; this adds a blank line where a
    new block would touch a table header, so appended releases and history entries read like
    the rest of the file. Lines the change did not insert are never touched, byte for byte.
    """
    import difflib

    eol = line_ending(old)
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    start, end = common_ends(old_lines, new_lines)
    old_middle = old_lines[start : len(old_lines) - end]
    new_middle = new_lines[start : len(new_lines) - end]
    out: list[str] = new_lines[:start]
    matcher = difflib.SequenceMatcher(a=old_middle, b=new_middle, autojunk=False)
    for tag, _, _, j1, j2 in matcher.get_opcodes():
        block = new_middle[j1:j2]
        if tag in ("insert", "replace") and block:
            # New lines end as the line above them does (a mixed file stays mixed).
            above = out[-1] if out else ""
            near = "\r\n" if above.endswith("\r\n") else "\n" if above.endswith("\n") else eol
            block = [_ended(line, near) for line in block]
            # Inserted tables one after another (two history entries) read apart too.
            block = [
                part
                for i, line in enumerate(block)
                for part in (
                    [near, line]
                    if i and line.lstrip().startswith("[") and block[i - 1].strip()
                    else [line]
                )
            ]
            if block[0].lstrip().startswith("[") and out and out[-1].strip():
                block = [near, *block]
            if out and not out[-1].strip() and not block[0].strip():
                block = block[1:]
            at = start + j2
            following = new_lines[at] if at < len(new_lines) else ""
            if following.lstrip().startswith("[") and block and block[-1].strip():
                block = [*block, near]
        out.extend(block)
    out.extend(new_lines[len(new_lines) - end :] if end else [])
    return "".join(out)


def _ended(line: str, eol: str) -> str:
    if line.endswith("\n") and not line.endswith("\r\n"):
        return line[:-1] + eol
    return line


def shifted(line: str, offset: int) -> str:
    """A hunk header of a diff of the middle, renumbered to the whole file's lines."""
    if not offset or not line.startswith("@@"):
        return line
    import re

    header, _, rest = line[2:].partition("@@")
    moved = re.sub(r"([-+])(\d+)", lambda m: f"{m[1]}{int(m[2]) + offset}", header)
    return f"@@{moved}@@{rest}"
