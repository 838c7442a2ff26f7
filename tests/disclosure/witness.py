"""An independent check of disclosure, by brute force: search integer values for the withheld cells
that agree with everything published but give a cell another value than its true one. Such a witness
proves the cell cannot be recovered. It shares no code with the LP audit it checks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tipwatch.disclosure.rules import Relation


def bounds(marker: str, k: int, cap: int) -> range:
    if marker == f"<{k}":
        return range(1, k)
    if marker == "..":
        return range(cap + 1)
    assert marker == "x", marker
    return range(k, cap + 1)


def _component(
    cell: str,
    relations: tuple[Relation, ...],
    sums: Sequence[tuple[Sequence[str], int, int | None]],
    withheld: list[str],
) -> list[str]:
    """The withheld cells linked to ``cell`` through relations and sum bounds. Cells in other components
    are independent of it, and the true values satisfy them, so searching them only multiplies the
    backtracking (exponentially: a dead end near ``cell`` is retried under every value of the others)."""
    groups = [[r.total, *r.parts] for r in relations] + [list(members) for members, _, _ in sums]
    hidden, reached, frontier = set(withheld), {cell}, [cell]
    while frontier:
        current = frontier.pop()
        for group in groups:
            if current in group:
                for member in group:
                    if member in hidden and member not in reached:
                        reached.add(member)
                        frontier.append(member)
    return [key for key in withheld if key in reached]


class BudgetExceeded(Exception):
    """The search visited ``budget`` assignments without deciding: neither a witness nor a proof of none."""


def find_witness(
    relations: tuple[Relation, ...],
    published: Mapping[str, int | str],
    k: int,
    cell: str,
    forbidden: int | None,
    cap: int,
    *,
    sums: Sequence[tuple[Sequence[str], int, int | None]] = (),
    target: int | None = None,
    budget: int | None = None,
) -> dict[str, int] | None:
    """Values for every withheld cell satisfying all relations and every ``(cells, lower, upper)`` bound
    on a sum of cells, with ``cell`` != ``forbidden`` (or, given ``target``, ``cell`` == ``target``).
    Only ``cell``'s component is searched and returned; every other withheld cell keeps its true value.
    Given ``budget``, raises :class:`BudgetExceeded` after that many partial assignments (the search is
    exponential in the worst case; without a budget it runs to the end)."""
    visited = 0
    hidden = [key for key, value in published.items() if isinstance(value, str)]
    domains = {key: bounds(str(published[key]), k, cap) for key in hidden}
    withheld = _component(cell, relations, sums, hidden)  # the only cells branched on
    if target is not None:
        domains[cell] = range(target, target + 1) if target in domains[cell] else range(0)
    equations = [[relation.total, *relation.parts] for relation in relations if relation.kind == "sum"]
    covers = [(r.kind, [r.total, *r.parts]) for r in relations if r.kind != "sum"]

    def value_of(member: str, values: dict[str, int]) -> int | None:
        given = published[member]
        return values.get(member) if isinstance(given, str) else given

    def propagate(values: dict[str, int]) -> bool:
        """Fix every value forced by an equation with one unknown left; False on a contradiction."""
        changed = True
        while changed:
            changed = False
            for total, *parts in equations:
                members = [total, *parts]
                open_members = [m for m in members if value_of(m, values) is None]
                if len(open_members) > 1:
                    continue
                known = {m: value_of(m, values) for m in members if m not in open_members}
                balance = sum(known.get(p) or 0 for p in parts) - (known.get(total) or 0)
                if not open_members:
                    if balance != 0:
                        return False
                    continue
                (member,) = open_members
                forced = balance if member == total else -balance
                if forced not in domains[member] or (member == cell and forced == forbidden):
                    return False
                values[member] = forced
                changed = True
        return True

    def covered(values: dict[str, int]) -> bool:
        """Cover relations (parts add up to at least the total, none exceeds it) once fully known."""
        for kind, members in covers:
            known = [value_of(m, values) for m in members]
            if all(v is not None for v in known):
                total, *parts = (int(v or 0) for v in known)
                if kind in ("cover", "at_least") and sum(parts) < total:
                    return False
                if kind == "within" and sum(parts) > total:
                    return False
                if kind in ("cover", "subset") and any(p > total for p in parts):
                    return False
        for members, lower, upper in sums:
            known = [value_of(m, values) for m in members]
            if all(v is not None for v in known):
                total = sum(int(v or 0) for v in known)
                if total < lower or (upper is not None and total > upper):
                    return False
        return True

    def search(values: dict[str, int]) -> dict[str, int] | None:
        nonlocal visited
        visited += 1
        if budget is not None and visited > budget:
            raise BudgetExceeded(f"{cell}: {budget} assignments visited")
        values = dict(values)
        if not propagate(values):
            return None
        key = next((k for k in [cell, *withheld] if k not in values), None)
        if not covered(values):
            return None
        if key is None:
            return values
        for value in domains[key]:
            if key == cell and value == forbidden:
                continue
            found = search({**values, key: value})
            if found is not None:
                return found
        return None

    return search({})
