"""``trialtracker team …``: the owner's commands for a team library on PostgreSQL."""

from __future__ import annotations

from typing import TYPE_CHECKING

from trialtracker.cli.context import EXIT_OK, Context, command
from trialtracker.services.deferred import deferred

if TYPE_CHECKING:
    from trialtracker.services import team, team_copy, trials
else:  # loaded by the team commands only: no other command pays for it
    team = deferred("trialtracker.services.team")
    team_copy = deferred("trialtracker.services.team_copy")
    trials = deferred("trialtracker.services.trials")


@command("team")
def cmd_team(ctx: Context) -> int:
    action = ctx.args.action
    if action == "init":
        done = team.init_team(ctx.args.url)
        schema = (f"created (schema {done.schema_to})" if done.schema_from is None
                  else f"already at schema {done.schema_to}" if done.schema_from == done.schema_to
                  else f"upgraded from schema {done.schema_from} to {done.schema_to}")  # fmt: skip
        ctx.print(f"Team library at {done.where}: {schema}; {done.seeded} catalog trials added.")
        ctx.print(f"Members belong to the role {done.members_role}: they read and write the library, "
                  "not its tables. Add one with: trialtracker team add-member URL NAME")  # fmt: skip
        return EXIT_OK
    if action == "add-member":
        member = team.add_member(ctx.args.url, ctx.args.name)
        if ctx.args.json:
            ctx.print_json(member.as_json())
            return EXIT_OK
        ctx.print(f"Added {member.name}. Their password, shown only now: {member.password}")
        ctx.print("Give it to them privately. They put this line in ~/.pgpass (then: chmod 600 ~/.pgpass):")
        ctx.print(f"  {member.pgpass_line}")
        ctx.print(f"and connect to {member.url}")
        return EXIT_OK
    if action == "name":
        if ctx.args.text is None:
            shown = team.display_name(ctx.lib)  # a personal library: refused, with the reason
            ctx.print(f"You are {ctx.lib.me} in {ctx.lib.where}"
                      + (f", shown as {shown}." if shown else " (no display name set)."))  # fmt: skip
            return EXIT_OK
        name = team.set_display_name(ctx.lib, ctx.args.text)
        ctx.print(f"The team now sees you as {name} ({ctx.lib.me})." if name else
                  f"Display name cleared: the team sees you as {ctx.lib.me}.")  # fmt: skip
        return EXIT_OK
    if action == "share-tag":
        tagged = trials.share_tag(ctx.lib, ctx.args.tag)
        ctx.print(f"The whole team now sees the tag {ctx.args.tag.strip()!r} on {len(tagged)} trial(s).")
        return EXIT_OK
    if action in ("push", "pull"):
        copy = team_copy.push if action == "push" else team_copy.pull
        copied = copy(ctx.settings, ctx.args.url)
        if ctx.args.json:
            ctx.print_json(copied.as_json())
            return EXIT_OK
        ctx.print(f"Copied {copied.source} into {copied.target}: {len(copied.added)} trial(s) added, "
                  f"{len(copied.already)} already there, {copied.notes_added} note(s) added"
                  + (" (notes and tags private to you; share a tag with: trialtracker team share-tag TAG)."
                     if action == "push" else "."))  # fmt: skip
        return EXIT_OK
    return ctx.print_items(
        team.members(ctx.args.url),
        line=str,
        empty="No members yet. Add one with: trialtracker team add-member URL NAME",
        as_json=str,
    )
