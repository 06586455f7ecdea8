"""The choice between overlapping candidates of the mentions stage: titles first, then the longest, then by rule rank."""

from __future__ import annotations


from .core import _Candidate


def _select(titles: list[_Candidate], protected, others: list[_Candidate]) -> list[_Candidate]:
    """The titles, and the other candidates longest first that overlap nothing taken before them.

    What is taken is kept as one flag per character of the sentence, so a
    candidate is checked in the time of its own length, not of every span
    taken (a sentence of 100,000 characters holds thousands of candidates).
    """
    chosen = list(titles)
    size = max([e for _, e in protected] + [c.end for c in others] + [0])
    taken = bytearray(size)
    for b, e in protected:
        taken[b:e] = b"\x01" * (e - b)
    for cand in sorted(others, key=lambda c: (-(c.end - c.begin), c.rank, c.begin)):
        if taken.find(1, cand.begin, cand.end) < 0:
            chosen.append(cand)
            taken[cand.begin:cand.end] = b"\x01" * (cand.end - cand.begin)
    return sorted(chosen, key=lambda c: (c.begin, -c.end))
