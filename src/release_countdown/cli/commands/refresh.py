"""`countdown refresh`: fetch titles again from their sources and record what moved."""

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from release_countdown.cli.app import command_app
from release_countdown.cli.options import DryRunOption, JsonOption, TargetOption

if TYPE_CHECKING:
    from release_countdown.core.model import Release
    from release_countdown.writing.change import NewText

app = command_app()


@app.command("refresh", short_help="Fetch titles again and record every date that moved.")
def refresh_command(
    titles: Annotated[
        list[str] | None,
        typer.Argument(
            help="Ids, titles or aliases (default: every title with ids).", metavar="TITLE..."
        ),
    ] = None,
    *,
    due: Annotated[
        bool,
        typer.Option(
            "--due",
            help="Only titles due a check: checked 1 day ago or more when within 30 days of their "
            "date, 7 days within 180, 30 beyond, 14 when TBA; never once out for 30 days "
            "(unless named); never checked: always.",
        ),
    ] = False,
    dry_run: DryRunOption = False,
    json_: JsonOption = False,
    registry: TargetOption = None,
) -> None:
    """Fetch titles again from their sources ([release.ids]) and write what changed, in
    one locked write at the end.

    A new headline date appends a history entry (announced today, note "from TMDB"), so
    `show` and the slip chart tell how the date moved; a new title is recorded in the
    history and the old one kept as an alias. Only what the source provides is updated;
    what you added is kept. Titles that fail are listed and the others written (exit 4).

    --json prints a list with one object per title: id, changed, changes (field, old,
    new) and error.

    \b
    Examples:
      countdown refresh
      countdown refresh "dead reckoning" --dry-run
      countdown refresh --due --json
    \b
    In cron, every morning at 7:
      0 7 * * *  countdown refresh --due
    """
    from release_countdown.cli import reading, sourcing
    from release_countdown.cli.output import bad, finish, say
    from release_countdown.core.errors import CountdownError, SourceError
    from release_countdown.core.record import FetchOptions, SourceRecord, refresh_due
    from release_countdown.registry.load import load_registry
    from release_countdown.sources.refs import Ref
    from release_countdown.writing.edits import find_release

    path = reading.writable_path(registry)
    releases = list(load_registry([path]).releases)
    today = date.today()
    if titles:
        picked = dict.fromkeys(find_release(releases, name) for name in titles)
        chosen = [releases[i] for i in picked]
        for release in chosen:
            if not any(key in sourcing.SOURCES for key in release.ids):
                bad("TITLE", f"{release.title!r} has no [release.ids] to refresh from "
                    f"(import it with `countdown import REF`)")  # fmt: skip
        chosen = [r for r in chosen if not due or refresh_due(r, today, named=True)]
    else:
        chosen = [r for r in releases if any(key in sourcing.SOURCES for key in r.ids)]
        chosen = [r for r in chosen if not due or refresh_due(r, today)]
    where = sourcing.source_settings()
    # An entry known to TMDB and to Wikidata is refreshed from TMDB when a key is set.
    order: tuple[str, ...] = sourcing.SOURCES
    if not where.tmdb_configured():
        order = (*(name for name in order if name != "tmdb"), "tmdb")
    refs = [next(Ref(key, r.ids[key]) for key in order if key in r.ids) for r in chosen]
    region = reading.settings().region.value or "US"
    options = FetchOptions(region="US" if region == "WW" else region)
    try:
        results = sourcing.fetch_all(where, refs, options, sourcing.prepare_writes) if refs else []
    finally:
        where.close()
    outcome: dict[str, Any] = {}

    def edit(document: Any, current: list["Release"]) -> "NewText":
        from release_countdown.core.matching import fold
        from release_countdown.writing.change import NewText
        from release_countdown.writing.edits import release_table
        from release_countdown.writing.sourced import refresh_entry, tidy_text

        outcome.clear()
        text: str = document.as_string()  # nothing parsed yet: the text as read
        index = {r.id: i for i, r in enumerate(current)}
        owners = {fold(n): r.id for r in current for n in (r.title, *r.aliases)}
        changed = 0
        for release, result in zip(chosen, results, strict=True):
            at = index.get(release.id)
            if at is None or not isinstance(result, SourceRecord):
                continue
            changes, problem = refresh_entry(
                release_table(document, at), current[at], result, owners, today
            )
            outcome[release.id] = (changes, problem)
            changed += bool(changes)
        message = f"refreshed {len(outcome)} title(s), {changed} changed"
        return NewText(message, tidy_text(document, text))

    fetched = any(isinstance(r, SourceRecord) for r in results)
    change = reading.change(path, edit, dry_run=dry_run) if fetched else None
    errors: list[CountdownError] = []
    report: list[dict[str, Any]] = []
    for release, result in zip(chosen, results, strict=True):
        if isinstance(result, CountdownError):
            errors.append(result)
            report.append({"id": release.id, "changed": False, "changes": [], "error": str(result)})
            if not json_:
                say(f"countdown: {release.id}: failed: {result}")
            continue
        changes, problem = outcome.get(release.id, ([], None))
        report.append({
            "id": release.id, "changed": bool(changes),
            "changes": [{"field": c.field, "old": c.old, "new": c.new} for c in changes],
            "error": problem,
        })  # fmt: skip
        if not json_:
            for c in changes:
                say(f"countdown: {release.id}: {c.field}: {_shown(c.old)} → {_shown(c.new)}")
            if problem:
                say(f"countdown: {release.id}: warning: {problem}")
    if json_:
        from release_countdown.cli.output import write_json

        write_json(report)
    if change is not None:
        finish(change, dry_run, diff=not json_)
    elif not chosen:
        say("countdown: nothing to refresh" + (" (no title is due)" if due else ""))
    if errors:
        written = "nothing was written" if dry_run or change is None else "the others were written"
        failure = SourceError(f"{len(errors)} of {len(chosen)} titles failed; {written}")
        failure.exit_code = sourcing.worst(errors)
        raise failure


def _shown(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "(none)"
    return str(value)
