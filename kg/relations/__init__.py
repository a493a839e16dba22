"""Relation extraction: claims between mentions, each with the sentence that states it.

Extractors are small functions registered in :data:`EXTRACTORS`; each takes a
:class:`Context` (document, sentences, mentions) and yields :class:`Relation`
records.  Every relation is checked against the schema's subject/object types.

* ``pairwise``: trigger words between (or just before) two mentions of one
  sentence, read actively ("X inhibits Y"), passively ("Y is inhibited by X",
  "inhibition of Y by X") or either way ("mutations in X ... Y"); coordinated
  objects ("cut IL-6, TNF-α and IFN-γ") each get the claim;
* ``composition``: what composed mentions state by their name: a drug class
  "BTK inhibitor" inhibits BTK, an "ALS mouse model" is a model of ALS;
* ``apposition``: "tofersen, an ASO" / "X is a BTK inhibitor" → part_of;
* ``topic``: a treatment or biomarker sentence that names no disease is about
  the document's main disease ("Riluzole, one of the earliest approved
  treatments", "biomarkers for the disease").

Negation, hedging and background are recorded on each evidence; negated
claims are kept as evidence but never asserted as plain triples.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from ..model import Concept, Document, Evidence, Mention, Relation, Sentence
from ..schema import load_schema
from .cues import background, hedged, negated
from .triggers import ANY_TRIGGER, TRIGGERS

__all__ = ["RelationExtractor", "Context", "EXTRACTORS"]

EXTRACTOR = "als-kg.rules"
#: when two predicates fit one pair, the more specific wins
PREDICATE_ORDER = ["biomarker_for", "causes", "model_of", "targets", "treats", "tested_in", "inhibits",
                   "activates", "upregulated_in", "downregulated_in", "part_of", "associated_with"]
_RANK = {p: i for i, p in enumerate(PREDICATE_ORDER)}
_CLAUSE_BREAK = re.compile(r";|\b(but|whereas|while|although|however|unlike)\b|\.\s", re.I)
_REL_PRONOUN = re.compile(r",\s*(which|who|that)\b", re.I)
_MAX_GAP = 220


@dataclass
class Context:
    doc: Document
    sentences: Sequence[Sentence]
    mentions: Sequence[Mention]
    by_sentence: dict[int, list[Mention]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for m in self.mentions:
            if m.sentence >= 0:
                self.by_sentence.setdefault(m.sentence, []).append(m)

    @cached_property
    def main_disease(self) -> Concept | None:
        """The document's topic disease: the most mentioned one, if clearly so."""
        counts = Counter(m.concept.key for m in self.mentions if m.concept.type == "Disease")
        if not counts:
            return None
        (key, n), *rest = counts.most_common(2) + [(None, 0)]
        if n < 2 or (rest and rest[0][1] == n):
            return None
        return next(m.concept for m in self.mentions if m.concept.key == key)

    def concept(self, key: str) -> Concept | None:
        """A concept by key: from this document's mentions, else from the vocabulary."""
        for m in self.mentions:
            if m.concept.key == key:
                return m.concept
        from ..lexicon import load_lexicon

        return load_lexicon().by_curie(key) if ":" in key else None

    def evidence(self, sent: Sentence, s: Mention, o: Mention, rule: str, conf: float,
                 claim: tuple[int, int] | None = None) -> Evidence:
        text = self.doc.text
        lo, hi = claim or (min(s.start, o.start), max(s.end, o.end))
        neg = negated(text, lo, hi)
        # a hedge covers what follows it up to the claim ("may inhibit", "it is possible that X ..."),
        # not a claim that precedes it ("X inhibits Y, suggesting Z")
        hed = hedged(text, sent.start, min(sent.end, hi + 1))
        return Evidence(
            doc_id=self.doc.id, doc_iri=self.doc.iri, sentence=sent.text, start=sent.start, end=sent.end,
            subject_span=(s.start, s.end), object_span=(o.start, o.end), extractor=EXTRACTOR, rule=rule,
            confidence=round(conf * (0.7 if hed else 1.0), 3), negated=neg, hedged=hed,
            section=sent.section, background=background(sent.text),
        )


Extractor = Callable[[Context], Iterator[Relation]]


def _allowed(s: Concept, p: str, o: Concept) -> bool:
    return s.key != o.key and load_schema().allows(s.type, p, o.type)


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    """One mention per span; nested mentions of composed concepts keep their parts."""
    seen = set()
    out = []
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        k = (m.start, m.end, m.concept.key)
        if k not in seen:
            seen.add(k)
            out.append(m)
    return out


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
#: "C9orf72-associated ALS", "TDP-43-positive inclusions": the mention modifies the next noun
_MODIFIER_AFTER = re.compile(r"(?:-[A-Za-z0-9]+)?-(associated|related|linked|positive|negative|mutant|deficient|"
                             r"expressing|derived|dependent|induced|mediated|driven)\b", re.I)
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
            gap_words = len(text[a.end:b.start].split())
            conf = max(0.3, t.confidence - 0.012 * max(0, gap_words - 3))
            ev = ctx.evidence(sent, s, o, f"pairwise:{t.name}", conf, (min(a.start, tm.start()), b.end))
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


_SPECIFIC = frozenset({"biomarker_for", "causes", "model_of", "treats", "tested_in", "part_of", "targets"})


_NOMINAL_BEFORE = re.compile(r"\b(inhibition|blockade|blocking|suppression|reduction|downregulation|attenuation|"
                             r"activation|induction|stimulation|upregulation)\s+of\s+(?:the\s+)?$", re.I)
_BY = re.compile(r"^\s*(?:\([^()]*\)\s*)?by\s+(?:the\s+|a\s+|an\s+)?$", re.I)
_GERUND_BEFORE = re.compile(r"\b(blocking|inhibiting|suppressing|silencing|turning|switching|shutting|knocking)\s+"
                            r"(?:(?:the|that|this|its)\s+)?(?:(?:enzyme|kinase|protein|receptor|gene)\s+)?$", re.I)
_WITH = re.compile(r"^\s*(?:(?:switch|signal|pathway|gene|protein)\s+)?(?:off\s+|down\s+)?with\s+"
                   r"(?:the\s+|a\s+|an\s+)?(?:(?:drug|compound|inhibitor|molecule)\s+)?$", re.I)


def _adjacent_pairs(ctx: Context) -> Iterator[tuple[Sentence, Mention, Mention]]:
    """Each sentence's neighbouring mention pairs, in text order."""
    for si, ms in ctx.by_sentence.items():
        ms = _dedupe(ms)
        for a, b in zip(ms, ms[1:], strict=False):
            yield ctx.sentences[si], a, b


def nominal(ctx: Context) -> Iterator[Relation]:
    """"inhibition of Y by X" and "blocking Y with X": X acts on Y."""
    text = ctx.doc.text
    for sent, a, b in _adjacent_pairs(ctx):
        between = text[a.end:b.start]
        lo = max(sent.start, a.start - 40)
        nom = _NOMINAL_BEFORE.search(text, lo, a.start)
        if nom and _BY.match(between):
            pred = "activates" if nom.group(1).lower() in ("activation", "induction", "stimulation",
                                                            "upregulation") else "inhibits"
            rule = "nominal:passive"
        else:
            ger = _GERUND_BEFORE.search(text, lo, a.start)
            if not (ger and _WITH.match(between)):
                continue
            pred, rule = "inhibits", "nominal:instrument"
        if _allowed(b.concept, pred, a.concept):
            yield Relation(b.concept, pred, a.concept, ctx.evidence(sent, b, a, rule, 0.8, (lo, b.end)))


_ADMINISTERED = re.compile(r"\b(given|giving|administ\w*|dosed|dosing|treated|treatment|injected|fed|received)\b",
                           re.I)


def carryover(ctx: Context) -> Iterator[Relation]:
    """A drug given in a sentence that names no model, right after one that names exactly one."""
    for si, ms in sorted(ctx.by_sentence.items()):
        if any(m.concept.type == "ModelSystem" for m in ms) or si - 1 not in ctx.by_sentence:
            continue
        sent = ctx.sentences[si]
        if not _ADMINISTERED.search(sent.text):
            continue
        models = {m.concept.key: m for m in ctx.by_sentence[si - 1] if m.concept.type == "ModelSystem"}
        if len(models) != 1:
            continue
        (model,) = models.values()
        prev = ctx.sentences[si - 1]
        span = Sentence(sent.doc_id, si, prev.start, sent.end, ctx.doc.text[prev.start:sent.end], sent.section)
        for m in ms:
            if m.concept.type == "Drug" and _allowed(m.concept, "tested_in", model.concept):
                yield Relation(m.concept, "tested_in", model.concept,
                               ctx.evidence(span, m, model, "carryover:previous-sentence-model", 0.55,
                                            (sent.start, sent.end)))


_ROLE_PREDICATE = {"inhibitor": "inhibits", "antagonist": "inhibits", "degrader": "inhibits",
                   "agonist": "activates", "activator": "activates", "modulator": "targets"}


def composition(ctx: Context) -> Iterator[Relation]:
    """Claims stated by a composed name: "BTK inhibitor" inhibits BTK; "ALS mouse model" model_of ALS."""
    for m in ctx.mentions:
        if not m.method.startswith("rule:") or m.sentence < 0:
            continue
        _, kind, *rest = m.method.split(":", 2)
        part = ctx.concept(rest[0]) if rest else None
        if part is None:
            continue
        sent = ctx.sentences[m.sentence]
        if kind == "drug-class":
            role = m.concept.label.rsplit(" ", 1)[-1]
            pred = _ROLE_PREDICATE.get(role, "targets")
            subj, obj = m.concept, part
        elif kind == "model" and part.type == "Disease":
            pred, subj, obj = "model_of", m.concept, part
        else:
            continue
        if _allowed(subj, pred, obj):
            ev = ctx.evidence(sent, m, m, f"composition:{kind}", 0.85, (m.start, m.end))
            yield Relation(subj, pred, obj, ev)


_CLASS_WORD = re.compile(r"\b(inhibitor|antagonist|agonist|blocker|modulator|agent|antibod(y|ies)|drug|"
                         r"oligonucleotide|vaccine|therapy|analog(ue)?|derivative)s?\s*$", re.I)
_APPOS = re.compile(r"^\s*(?:\([^()]{1,40}\)\s*)?(?:,\s*(?:is\s+)?|\s+(?:is|was|as)\s+)(?:an?|the|another|other)\s+"
                    r"(?:[\w-]+\s+){0,4}$", re.I)


def apposition(ctx: Context) -> Iterator[Relation]:
    """"tofersen (Qalsody), an ASO" / "X is a BTK inhibitor" → X part_of the class."""
    text = ctx.doc.text
    for sent, a, b in _adjacent_pairs(ctx):
        if a.concept.type != "Drug" or b.concept.type != "Drug" or a.concept.key == b.concept.key:
            continue
        if not _APPOS.match(text[a.end:b.start]):
            continue
        if not (b.concept.curie is None or b.method.startswith("rule:") or b.concept.source == "curated"
                or b.text.endswith("s") or _CLASS_WORD.search(b.concept.label)):
            continue
        ev = ctx.evidence(sent, a, b, "apposition:is-a", 0.8)
        yield Relation(a.concept, "part_of", b.concept, ev)
        if b.method.startswith("rule:drug-class:"):
            yield from _class_effect(ctx, sent, a, b)


_DISEASE_DRUG_NOUN = re.compile(r"[\s-]*(drugs?|medicines?|medications?|therap(y|ies)|treatments?)\b", re.I)


def described_use(ctx: Context) -> Iterator[Relation]:
    """"metformin, the widely used diabetes medicine" and "X is an MS drug": the drug treats that disease."""
    text = ctx.doc.text
    for sent, a, b in _adjacent_pairs(ctx):
        if a.concept.type != "Drug" or b.concept.type != "Disease":
            continue
        if _APPOS.match(text[a.end:b.start]) and _DISEASE_DRUG_NOUN.match(text, b.end):
            yield Relation(a.concept, "treats", b.concept, ctx.evidence(sent, a, b, "apposition:disease-drug", 0.75))


_SETTING = re.compile(r"^\s*(?:In|Within|Using)\s+(?:[\w-]+\s+){0,4}?$", re.I)


def setting(ctx: Context) -> Iterator[Relation]:
    """"In older rats, metformin restored ...": a drug acting in the model the sentence opens with."""
    text = ctx.doc.text
    for si, ms in ctx.by_sentence.items():
        sent = ctx.sentences[si]
        ms = _dedupe(ms)
        models = [m for m in ms if m.concept.type == "ModelSystem"]
        if not models:
            continue
        model = models[0]
        comma = text.find(",", model.end, sent.end)
        if comma < 0 or not _SETTING.match(text[sent.start:model.start]) or text[model.end:comma].strip():
            continue
        drugs = [m for m in ms if m.concept.type == "Drug" and m.start > comma]
        if drugs and _allowed(drugs[0].concept, "tested_in", model.concept):
            yield Relation(drugs[0].concept, "tested_in", model.concept,
                           ctx.evidence(sent, drugs[0], model, "setting:in-model", 0.6))


def _class_effect(ctx: Context, sent: Sentence, drug: Mention, cls: Mention) -> Iterator[Relation]:
    """A member of "BTK inhibitor" inhibits BTK too."""
    target = ctx.concept(cls.method.split(":", 2)[2])
    role = cls.concept.label.rsplit(" ", 1)[-1]
    pred = _ROLE_PREDICATE.get(role)
    if target is not None and pred and _allowed(drug.concept, pred, target):
        yield Relation(drug.concept, pred, target, ctx.evidence(sent, drug, cls, "apposition:class-effect", 0.75))


_BACK_REFERENCE = re.compile(r"\b(these|those|such|both|all three|the three|the two) (genes|proteins|markers|"
                             r"molecules|factors|transcripts|candidates)\b|\bthey\b", re.I)
_TREAT_CUE = re.compile(r"\b(approved (treatments?|therap\w+|drugs?|for patients)|(newer|new|first|only) "
                        r"(therapy|treatment|drug)|treatment options?|disease-modifying|"
                        r"(therapy|treatment) (for|of) (the|this) (disease|condition)|"
                        r"(reduced|lowered|cut) the (risk|rate) of (relapses?|attacks?|progression|disability)|"
                        r"(slowed|delayed|halted) (the )?(functional |clinical |disease )?(decline|progression))\b", re.I)
_MARKER_CUE = re.compile(r"\b(bio)?markers?\b|\bindicators? of (the )?disease\b|\bpredict(s|ed)? "
                         r"(relapses?|attacks?|progression|survival|onset|disability)\b", re.I)


def topic(ctx: Context) -> Iterator[Relation]:
    """Treatment/biomarker sentences that leave the disease implicit: the document's main disease."""
    disease = ctx.main_disease
    if disease is None:
        return
    for si, ms in ctx.by_sentence.items():
        sent = ctx.sentences[si]
        if any(m.concept.type == "Disease" and m.concept.key != disease.key for m in ms):
            continue
        treat = _TREAT_CUE.search(sent.text)
        marker = _MARKER_CUE.search(sent.text)
        pseudo = Mention(ctx.doc.id, sent.start, sent.start, "", disease, si, "topic")
        if treat:
            drugs = [m for m in sorted(ms, key=lambda m: m.start) if m.concept.type == "Drug"]
            if drugs and drugs[0].start < sent.start + treat.start() and _allowed(drugs[0].concept, "treats", disease):
                # the sentence's subject drug: "Riluzole, one of the earliest approved treatments, ..."
                yield Relation(drugs[0].concept, "treats", disease,
                               ctx.evidence(sent, drugs[0], pseudo, "topic:treatment", 0.55,
                                            (sent.start, sent.end)))
        if marker:
            # the genes or molecules of this sentence; "these genes could be used as biomarkers": the previous one's
            genes = [m for m in ms if m.concept.type in ("Gene", "Drug")
                     and not _MODIFIER_AFTER.match(ctx.doc.text, m.end)
                     and _allowed(m.concept, "biomarker_for", disease)]
            if not genes and _BACK_REFERENCE.search(sent.text) and si - 1 in ctx.by_sentence:
                genes = [m for m in ctx.by_sentence[si - 1] if m.concept.type == "Gene"]
                if genes:
                    sent_prev = ctx.sentences[si - 1]
                    sent = Sentence(sent.doc_id, si, sent_prev.start, sent.end,
                                    ctx.doc.text[sent_prev.start:sent.end], sent.section)
            for g in genes:
                yield Relation(g.concept, "biomarker_for", disease,
                               ctx.evidence(sent, g, pseudo, "topic:biomarker", 0.6, (sent.start, sent.end)))


_INDUCED = re.compile(r"-(induced|associated|related|mediated)\b|\b(induced|toxicity|poisoning|adverse|side effects?)\b",
                      re.I)
_CO_PAIRS = {("Gene", "Disease"): "associated_with", ("Gene", "Gene"): "associated_with",
             ("Drug", "Gene"): "associated_with", ("Drug", "Disease"): "associated_with"}


def cooccurrence(ctx: Context) -> Iterator[Relation]:
    """Genes, drugs and diseases that one sentence links without a recognised trigger: a weak association.

    Only for pairs the other extractors said nothing about in that sentence; a drug with an
    "-induced"/toxicity cue is taken to cause the disease.
    """
    text = ctx.doc.text
    for si, ms in sorted(ctx.by_sentence.items()):
        sent = ctx.sentences[si]
        ms = [m for m in _dedupe(ms) if m.concept.type in ("Gene", "Disease", "Drug")]
        if len(ms) < 2 or len(ms) > 6:
            continue
        for i, a in enumerate(ms):
            for b in ms[i + 1:]:
                if b.start < a.end or a.concept.key == b.concept.key or b.start - a.end > 120:
                    continue
                if _CLAUSE_BREAK.search(text, a.end, b.start):
                    continue
                s, o = (a, b) if (a.concept.type, b.concept.type) in _CO_PAIRS else (b, a)
                pred = _CO_PAIRS.get((s.concept.type, o.concept.type))
                if pred is None:
                    continue
                if s.concept.type == "Drug" and o.concept.type == "Disease" and _INDUCED.search(text, a.start, b.end):
                    pred = "causes"
                if _allowed(s.concept, pred, o.concept):
                    yield Relation(s.concept, pred, o.concept, ctx.evidence(sent, s, o, "cooccurrence:sentence", 0.35))


#: extractors by name, run in order
EXTRACTORS: dict[str, Extractor] = {
    "pairwise": pairwise,
    "nominal": nominal,
    "carryover": carryover,
    "composition": composition,
    "apposition": apposition,
    "described_use": described_use,
    "setting": setting,
    "topic": topic,
}


#: extractors that only speak where the others were silent about a pair in a sentence; off by
#: default (they trade precision for recall: BioRED dev recall 0.24 -> 0.35, precision 0.45 -> 0.41)
FALLBACKS: dict[str, Extractor] = {"cooccurrence": cooccurrence}


class RelationExtractor:
    def __init__(self, names: Sequence[str] | None = None, fallbacks: Sequence[str] = ()) -> None:
        self.names = list(names or EXTRACTORS)
        self.fallbacks = list(fallbacks)

    def extract(self, doc: Document, sentences: Sequence[Sentence], mentions: Sequence[Mention]) -> list[Relation]:
        ctx = Context(doc, sentences, mentions)
        out: dict[str, Relation] = {}
        for name in self.names:
            for r in EXTRACTORS[name](ctx):
                out.setdefault(r.full_hash, r)
        said = {(r.evidence.start, frozenset((r.subject.key, r.object.key))) for r in out.values()}
        for name in self.fallbacks:
            for r in FALLBACKS[name](ctx):
                if (r.evidence.start, frozenset((r.subject.key, r.object.key))) not in said:
                    out.setdefault(r.full_hash, r)
        return sorted(out.values(), key=lambda r: (r.evidence.start, r.evidence.subject_span, r.predicate,
                                                   r.object.key))


def _sentence_of(sentences: Sequence[Sentence], pos: int) -> int:
    return bisect.bisect_right([s.start for s in sentences], pos) - 1
