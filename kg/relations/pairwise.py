"""The pairwise extractor: trigger words between (or just before) two mentions of a sentence."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from ..model import Mention, Relation, Sentence
from .context import CLAUSE_BREAK as _CLAUSE_BREAK
from .context import MAX_GAP as _MAX_GAP
from .context import MODIFIER_AFTER as _MODIFIER_AFTER
from .context import PREDICATE_ORDER, Context
from .context import allowed as _allowed
from .context import dedupe as _dedupe
from .triggers import ANY_TRIGGER, TRIGGERS

__all__ = ["pairwise"]

_RANK = {p: i for i, p in enumerate(PREDICATE_ORDER)}
_REL_PRONOUN = re.compile(r",\s*(which|who|that)\b", re.I)

@dataclass(frozen=True, slots=True)
class _Span:
    lo: int
    hi: int

    def start(self) -> int:
        return self.lo

    def end(self) -> int:
        return self.hi


class _TriggerIndex:
    """Every trigger match of one sentence, found once, looked up by position."""

    def __init__(self, text: str, sent: Sentence, lo: int, hi: int) -> None:
        self.hits: list[tuple[int, int, int]] = []  # start, end, trigger index; sorted by start
        last = -1
        for hit in ANY_TRIGGER.finditer(text, lo, hi):
            p = hit.start()
            if p == last:
                continue
            last = p
            for ti, t in enumerate(TRIGGERS):
                m = t.pattern.match(text, p, sent.end)
                if m:
                    self.hits.append((p, m.end(), ti))
        self.starts = [h[0] for h in self.hits]

    def between(self, lo: int, hi: int, nearest_end: bool = False) -> dict[int, tuple[int, int]]:
        """For each trigger, its first match inside [lo, hi) (or its last, nearest to hi)."""
        out: dict[int, tuple[int, int]] = {}
        i = bisect.bisect_left(self.starts, lo)
        while i < len(self.hits) and self.hits[i][0] < hi:
            start, end, ti = self.hits[i]
            if end <= hi and (nearest_end or ti not in out):
                out[ti] = (start, end)
            i += 1
        return out

    def before(self, lo: int, hi: int) -> dict[int, tuple[int, int]]:
        """For each trigger, its last match inside [lo, hi) (the one nearest to hi)."""
        out: dict[int, tuple[int, int]] = {}
        i = bisect.bisect_left(self.starts, lo)
        while i < len(self.hits) and self.hits[i][0] < hi:
            start, end, ti = self.hits[i]
            if end <= hi:
                out[ti] = (start, end)
            i += 1
        return out


_APPOSITIVE = re.compile(r",\s+(?:an?|another|the|other)\s+[^,;()]{1,90}?(?=,)", re.I)
_PRONOUN_SUBJECT = re.compile(r"^\s*(It|This drug|The drug|This compound|The compound|This agent|The agent|"
                              r"This treatment|The treatment|This therapy|The therapy)\b")
_LOSS_BEFORE = re.compile(r"\b(?:(?:deletion|loss|knock-?down|knock-?out|depletion|deficiency|silencing|ablation|lack|"
                          r"absence|inhibition|blockade|blocking|inhibiting|suppression|downregulation|reduction)"
                          r"\s+of|lacking|without|deficient\s+in|devoid\s+of|null\s+for)\s+(?:[\w-]+\s+){0,2}$", re.I)
_LOSS_AFTER = re.compile(r"[\s-]*(knock-?down|knock-?out|deletion|depletion|deficiency|silencing|ablation|"
                         r"loss|null|-/-|KO)\b", re.I)
_FLIP = {"inhibits": "activates", "activates": "inhibits", "upregulated_in": "downregulated_in",
         "downregulated_in": "upregulated_in"}


def _appositives(text: str, sent: Sentence, ms: list[Mention]) -> set[int]:
    """Starts of mentions inside an appositive (", a BTK inhibitor approved for MS,"): descriptions, not actors."""
    inside: set[int] = set()
    for ap in _APPOSITIVE.finditer(text, sent.start, sent.end):
        if not any(m.end <= ap.start() and text[m.end:ap.start()].strip() in ("", ")") or
                   text[m.end:ap.start()].lstrip().startswith("(") for m in ms):
            continue
        inside |= {m.start for m in ms if ap.start() <= m.start and m.end <= ap.end()}
    return inside


def _with_pronoun(ctx: Context, si: int, ms: list[Mention]) -> list[Mention]:
    """"It also lowered IL-17": a sentence-initial pronoun stands for the previous sentence's first drug."""
    sent = ctx.sentences[si]
    pm = _PRONOUN_SUBJECT.match(sent.text)
    if not pm or si - 1 not in ctx.by_sentence:
        return ms
    drugs = [m for m in sorted(ctx.by_sentence[si - 1], key=lambda m: m.start) if m.concept.type == "Drug"]
    if not drugs:
        return ms
    start = sent.start + pm.start(1)
    ref = Mention(ctx.doc.id, start, sent.start + pm.end(1), pm.group(1), drugs[0].concept, si, "anaphora")
    return _dedupe([ref, *ms])


def pairwise(ctx: Context) -> Iterator[Relation]:
    text = ctx.doc.text
    for si, ms in sorted(ctx.by_sentence.items()):
        sent = ctx.sentences[si]
        ms = _with_pronoun(ctx, si, _dedupe(ms))
        if len(ms) < 2:
            continue
        described = _appositives(text, sent, ms)
        ms = [m for m in ms if m.start not in described or m.concept.type != "Drug" or m is ms[0]]
        modifiers = {m.start for m in ms if _MODIFIER_AFTER.match(text, m.end)}
        # "AQP4-IgG-positive patients", "C9orf72-mutant carriers": the mention describes people, acts on nothing
        describing_people = {m.start for m in ms if (mm := _MODIFIER_AFTER.match(text, m.end))
                             and _PEOPLE.match(text, mm.end())}
        # triggers matter only from just before the first mention to the last one
        index = _TriggerIndex(text, sent, max(sent.start, ms[0].start - 45), max(m.end for m in ms))
        breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text, sent.start, sent.end)]
        for i, a in enumerate(ms):
            for b in ms[i + 1:]:
                if b.start < a.end or a.concept.key == b.concept.key:
                    continue
                if b.start - a.end > _MAX_GAP:
                    break
                k = bisect.bisect_left(breaks, a.end)
                if k < len(breaks) and breaks[k] < b.start:
                    continue  # a clause boundary between the two
                if a.start in modifiers and b.start == _next_start(ms, a):
                    rel = _modifier_claim(ctx, sent, a, b)
                    if rel is not None:
                        yield rel
                        continue
                if a.start in modifiers and a.concept.type == "Gene" and b.concept.type == "Disease":
                    continue  # "C9orf72-associated ALS": the gene qualifies the disease; no other reading
                if a.start in describing_people or b.start in describing_people:
                    continue
                yield from _best_claims(ctx, sent, ms, a, b, index)


_LIST_SEP = re.compile(r"^[\s,*()]*(?:(?:and|or|and/or|as well as)[\s*()]*)?$", re.I)


def _coordinated(text: str, ms: list[Mention], m: Mention) -> set[int]:
    """Positions (starts) of the mentions coordinated with ``m``: "IL-6, TNF-α and IFN-γ"."""
    same = [x for x in ms if x.concept.type == m.concept.type]
    idx = next(i for i, x in enumerate(same) if x is m)
    members = {m.start}
    i = idx
    while i > 0 and _LIST_SEP.match(text[same[i - 1].end:same[i].start]):
        i -= 1
        members.add(same[i].start)
    i = idx
    while i + 1 < len(same) and _LIST_SEP.match(text[same[i].end:same[i + 1].start]):
        i += 1
        members.add(same[i].start)
    return members


_PEOPLE = re.compile(r"\s+(patients?|people|persons?|individuals|subjects|carriers|cases|participants|donors|"
                     r"controls|women|men|children|adults)\b", re.I)


def _next_start(ms: list[Mention], m: Mention) -> int:
    later = [x.start for x in ms if x.start >= m.end]
    return min(later) if later else -1


def _modifier_claim(ctx: Context, sent: Sentence, a: Mention, b: Mention) -> Relation | None:
    """"C9orf72-associated ALS": the gene is associated with (or causes) the disease it qualifies."""
    word = _MODIFIER_AFTER.match(ctx.doc.text, a.end)
    if word is None or ctx.doc.text[word.end():b.start].strip():
        return None
    kind = word.group(1).lower()
    pred = "causes" if kind in ("induced", "mediated", "driven", "mutant") else "associated_with"
    if a.concept.type == "Drug" and kind in ("induced", "associated", "related"):
        pred = "causes"  # "cisplatin-induced neuropathy"
    if not _allowed(a.concept, pred, b.concept):
        return None
    return Relation(a.concept, pred, b.concept, ctx.evidence(sent, a, b, f"modifier:{kind}", 0.7, (a.start, b.end)))


def _competitor(text: str, ms: list[Mention], lo: int, hi: int, like: Mention) -> bool:
    """Another mention of the type of ``like`` between lo and hi that is not in a list with it.

    A mention that ends a coordinated verb phrase right before ``hi`` ("X upregulated CD68 and
    reduced Y") is the previous verb's object, not a rival subject.
    """
    others = [m for m in ms if lo <= m.start and m.end <= hi and m.concept.type == like.concept.type
              and m.concept.key != like.concept.key]
    if not others:
        return False
    listed = _coordinated(text, ms, like)
    others = [m for m in others if m.start not in listed and not _VERB_COORD.fullmatch(text, m.end, hi)]
    return bool(others)


_OBJECT_CLAUSE = re.compile(r"\b(that|which|who|whose|where|when|protect\w*|rescu\w*|preserv\w*|spar(e|es|ed|ing))\b",
                            re.I)
_AFFECTED = re.compile(r"[\s-]*(damage|death|loss|injury|degeneration|dysfunction|toxicity)\b", re.I)
_VERB_COORD = re.compile(r"\s*,?\s*(and|or)\s+", re.I)
_LOCATION = re.compile(r"\b(in|within|of|from|on)\s+(the\s+)?$", re.I)


def _best_claims(ctx: Context, sent: Sentence, ms: list[Mention], a: Mention, b: Mention,
                 index: _TriggerIndex) -> list[Relation]:
    """The best reading of a pair, plus a trial (tested_in) when the sentence also reports one."""
    text = ctx.doc.text
    candidates: list[tuple[tuple[int, int], float, Relation]] = []
    between = index.between(a.end, b.start, nearest_end=True)
    before = index.before(max(sent.start, a.start - 45), a.start)
    for ti in sorted(between.keys() | before.keys()):
        t = TRIGGERS[ti]
        span = between.get(ti)
        where = "between"
        if span is None:
            if t.direction != "either":
                continue
            span = before[ti]
            where = "before"
            if _competitor(text, ms, span[1], a.start, b):
                continue
            if a.concept.type == b.concept.type and b.start in _coordinated(text, ms, a):
                continue  # "associated with cataract and microcornea": a shared trigger, not a link between them
        tm = _Span(*span)
        orders = {"active": [(a, b)], "passive": [(b, a)], "either": [(a, b), (b, a)]}[t.direction]
        for s, o in orders:
            if not _allowed(s.concept, t.predicate, o.concept):
                continue
            if t.objects and o.concept.type not in t.objects:
                continue
            if t.subjects and s.concept.type not in t.subjects:
                continue
            if where == "between" and t.predicate in ("inhibits", "activates", "targets", "treats"):
                lo_t, hi_t = (tm.end(), b.start) if o is b else (a.end, tm.start())
                if _OBJECT_CLAUSE.search(text, lo_t, hi_t) or (o is b and _AFFECTED.match(text, b.end)):
                    continue  # the object sits in a relative clause, or is the site of damage ("nerve-cell damage")
                if s is a and (_VERB_COORD.fullmatch(text, a.end, tm.start())
                               or len(text[a.end:tm.start()].split()) > 12):
                    continue  # "scavenge X and reduce Y": X is an object, not the subject
            if (t.predicate in ("inhibits", "activates") and o.concept.type == "CellType" and o is b
                    and _LOCATION.search(text, max(a.end, b.start - 12), b.start)
                    and any(a.end <= x.start and x.end <= b.start for x in ms)):
                continue  # "cut DNA damage in motor neurons": the cells are where, not what
            if where == "between":
                # the subject side must be the nearest of its type to the trigger
                if s is a and _competitor(text, ms, a.end, tm.start(), a):
                    continue
                if s is b and _competitor(text, ms, tm.end(), b.start, b) and t.direction != "passive":
                    continue
                if _REL_PRONOUN.search(text, a.end, tm.start()) and t.direction == "active":
                    continue
                gap = text[a.end:tm.start()] if s is a else text[tm.end():b.start]
                gap = _APPOSITIVE.sub(",", gap)  # a description set off by commas does not separate subject and verb
                if len(gap.split()) > 10 and t.direction != "passive":
                    continue  # the trigger is too far from the subject to be its verb
            pred = t.predicate
            if t.direction == "active" and _PASSIVE_AFTER.match(text, tm.end()) and \
                    text[tm.start():tm.end()].lower().endswith("ed"):
                continue  # "was up-regulated by X": the passive trigger reads this one
            if pred in ("upregulated_in", "downregulated_in"):
                before_gene = tm.end() <= s.start
                gap = text[tm.end():s.start] if before_gene else text[s.end:tm.start()]
                if not (_LEVELS_OF if before_gene else _COPULA).fullmatch(gap):
                    continue  # the change must be said of the gene: "higher levels of G", "G was reduced"
            if pred in ("upregulated_in", "downregulated_in", "biomarker_for"):
                # "higher levels of G", "G was reduced", "G, X and Y as indicators": said of the subject (list)
                listed = [m for m in ms if m.start in _coordinated(text, ms, s)] or [s]
                s_lo, s_hi = min(m.start for m in listed), max(m.end for m in listed)
                g_lo, g_hi = (tm.end(), s_lo) if tm.end() <= s_lo else (s_hi, tm.start())
                if len(text[g_lo:g_hi].split()) > (4 if pred != "biomarker_for" else 6):
                    continue
                if pred == "biomarker_for" and tm.end() <= s_lo and len(text[tm.end():s_lo].split()) > 1:
                    continue  # "a marker in trials of X" is not X as a marker
            if pred in _FLIP and s.concept.type == "Gene" and (
                    _LOSS_BEFORE.search(text, max(sent.start, s.start - 40), s.start) or _LOSS_AFTER.match(text, s.end)):
                pred = _FLIP[pred]  # "loss of X increases Y": X restrains Y
            rule = f"pairwise:{t.name}"
            if pred == "treats" and o is a and _ADVERSE.search(text, a.end, b.start) and \
                    not _REMEDY_BEFORE.search(text, max(sent.start, a.start - 60), a.start) and \
                    _allowed(s.concept, "causes", o.concept):
                pred, rule = "causes", f"pairwise:{t.name}:adverse"  # "seizures in a patient treated with X"
            gap_words = len(text[a.end:b.start].split())
            conf = max(0.3, t.confidence - 0.012 * max(0, gap_words - 3))
            ev = ctx.evidence(sent, s, o, rule, conf, (min(a.start, tm.start()), b.end))
            if pred == "tested_in" and ev.negated and not re.search(r"\b(not|never)\s+(been\s+)?(tested|given|studied)",
                                                                     sent.text, re.I):
                ev = replace(ev, negated=False)  # "failed to reduce relapses in a trial": tested, with a negative result
            # specific predicates first; among effects (inhibits, activates, ...) the trigger nearest the object
            near = (tm.start() - o.end) if o.end <= tm.start() else (o.start - tm.end())
            if pred in _SPECIFIC:
                order = (_RANK[pred], 0)
            elif pred == "associated_with":
                order = (len(_RANK) + 1, abs(near))  # the vaguest reading comes last
            else:
                order = (len(_RANK), abs(near))
            candidates.append((order, -conf, Relation(s.concept, pred, o.concept, ev)))
    if not candidates:
        return []
    candidates.sort(key=lambda c: (c[0], c[1]))
    best = candidates[0][2]
    out = [best]
    if best.predicate != "tested_in":
        trial = next((c[2] for c in candidates if c[2].predicate == "tested_in"), None)
        if trial is not None:
            out.append(trial)
    return out


_PASSIVE_AFTER = re.compile(r"\s+by\b", re.I)
#: a disease named before the drug, as what happens to people on it: "seizures in patients treated with X",
#: "bradycardia during X therapy", "hepatitis related to X treatment" (an adverse effect, not a treatment)
_ADVERSE = re.compile(
    r"\b(?:in|among|of)\s+(?:[\w-]+\s+){0,4}?(?:patients?|subjects?|individuals?|persons?|people|children|adults?|"
    r"women|men|infants?|rats?|mice|animals?|cases?|users?)\s+(?:who\s+)?(?:were\s+|are\s+|was\s+)?(?:treated|receiving|"
    r"received|taking|took|given|on|exposed)\b|\b(?:during|after|following|upon|from)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:treatment|therapy|administration|use|exposure|intake|initiation|ingestion|overdose|infusion)\b|"
    r"\b(?:related to|due to|attributed to|attributable to|caused by|induced by|secondary to)\b", re.I)
#: "reduced progression of D in rats treated with X": the drug acts on the disease after all
_REMEDY_BEFORE = re.compile(r"\b(?:reduc\w*|improv\w*|prevent\w*|attenuat\w*|ameliorat\w*|protect\w*|remission|"
                            r"regression|relie\w*|resolution|treat\w*|control\w*|recover\w*|revers\w*)\b(?:\s+[\w-]+)"
                            r"{0,3}\s*$", re.I)
_LEVELS_OF = re.compile(r"\s*(?:(?:serum|plasma|csf|cerebrospinal fluid|blood|tissue|protein|mrna|gene)\s+)?"
                        r"(?:(?:levels?|expression|amounts?|concentrations?|activity|production|secretion|"
                        r"abundance|mrna|protein)\s+)?(?:(?:of|in)\s+)?(?:the\s+)?(?:[\w-]+\s+)?", re.I)
_COPULA = re.compile(r"\s*(?:(?:levels?|expression|activity|mrna|protein|was|were|is|are|being|been|significantly|"
                     r"markedly|highly|strongly|also|consistently|further)\s+){0,4}", re.I)
_SPECIFIC = frozenset({"biomarker_for", "causes", "model_of", "treats", "tested_in", "part_of", "targets"})

