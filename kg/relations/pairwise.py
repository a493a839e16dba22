"""The pairwise extractor: trigger words between (or just before) two mentions of a sentence."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from ..model import Mention, Relation, Sentence
from .context import CLAUSE_BREAK as _CLAUSE_BREAK
from .context import MAX_GAP as _MAX_GAP
from .context import MODIFIER_AFTER as _MODIFIER_AFTER
from .context import PREDICATE_ORDER, Context, named_members
from .context import allowed as _allowed
from .context import dedupe as _dedupe
from .triggers import ANY_TRIGGER, TRIGGERS

__all__ = ["pairwise"]

_RANK = {p: i for i, p in enumerate(PREDICATE_ORDER)}
_GERUND = re.compile(r"\w+ing\b", re.I)
_CLOSING_COMMA = re.compile(r"\s*(?:(?:protein|gene|levels?|expression|mRNA|activity)\s*)?(?:\([^()]*\)\s*)?,\s*", re.I)
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

    def __init__(self, text: str, sent: Sentence, lo: int, hi: int, terms: Sequence[Mention] = ()) -> None:
        self.hits: list[tuple[int, int, int]] = []  # start, end, trigger index; sorted by start
        last = -1
        inside = [(m.start, m.end) for m in terms]
        for hit in ANY_TRIGGER.finditer(text, lo, hi):
            p = hit.start()
            if p == last:
                continue
            last = p
            adjectival = _ADJECTIVAL.search(text, max(sent.start, p - 12), p) is not None
            det = _DETERMINER.search(text, max(sent.start, p - 30), p)
            # "X led to a marked increase in Y" states what X did; "and a marked decrease in Y" lists a change
            determiner = det is not None and not _CAUSATIVE.search(text, max(sent.start, det.start() - 25), det.start())
            for ti, t in enumerate(TRIGGERS):
                m = t.pattern.match(text, p, sent.end)
                if m is None or any(a <= p and m.end() <= b for a, b in inside):
                    continue  # part of a term: "induced pluripotent stem cell-derived neurons", "activated microglia"
                if t.predicate in _EFFECTS and t.direction == "active" and determiner:
                    continue  # "the decrease in BDNF", "an increase of IL-6": a noun, not a verb
                if not (adjectival and t.predicate in _EFFECTS and t.direction == "active"
                        and _PARTICIPLE.search(m.group(0))):
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


_EFFECTS = frozenset({"inhibits", "activates"})
#: a participle after an article or a preposition modifies the noun after it ("in induced stem cells",
#: "the activated receptor"); it is no verb
_ADJECTIVAL = re.compile(r"\b(?:a|an|the|these|those|its|their|in|of|on|from|with|into|among|within|for)\s+"
                         r"(?:\(?(?:\d|[ivx]{1,3}|[a-e])\)\s*)?$", re.I)
_CAUSATIVE = re.compile(r"\b(?:led|leads?|leading)\s+to\s+$|\b(?:result(?:s|ed|ing)?\s+in|caus(?:e|es|ed|ing)|"
                        r"produc(?:e|es|ed|ing)|induc(?:e|es|ed|ing)|elicit(?:s|ed|ing)?|trigger(?:s|ed|ing)?|"
                        r"provok(?:e|es|ed|ing)|g[ai]ve|brought\s+about)\s+$", re.I)
#: "the decrease in", "a significant decrease in": a noun of change, however qualified
_DETERMINER = re.compile(r"\b(?:a|an|the|these|those|its|their)\s+(?:(?:\w+ly|significant|marked|modest|slight|dramatic|"
                         r"substantial|further|concomitant|parallel|corresponding|small|large|great|greater|sharp|"
                         r"steep|strong|mild|moderate|overall|general|simultaneous)\s+){0,2}$", re.I)
_PARTICIPLE = re.compile(r"^\w+(?:ed|ing)$", re.I)
_APPOSITIVE = re.compile(r",\s+(?:an?|another|the|other)\s+(?:[^,;()]|\([^(),;]{0,30}\)){1,90}?(?=,)", re.I)
_PRONOUN_SUBJECT = re.compile(r"^\s*(?:(?:In|At|After|During|Over|Within|Across|Under|From|By)\s[^,;]{0,60},\s*)?"
                              r"(It|it|[Tt]his drug|[Tt]he drug|[Tt]his compound|[Tt]he compound|[Tt]his agent|[Tt]he agent|"
                              r"[Tt]his treatment|[Tt]he treatment|[Tt]his therapy|[Tt]he therapy)\b")
_LOSS_BEFORE = re.compile(r"\b(?:(?:deletion|loss|knock-?down|knock-?out|depletion|deficiency|silencing|ablation|lack|"
                          r"inhibitors?|blockers?|antagonists?|"
                          r"absence|inhibition|blockade|blocking|inhibiting|suppression|downregulation|reduction)"
                          r"\s+of|lacking|without|deficient\s+in|devoid\s+of|null\s+for)\s+(?:[\w-]+\s+){0,2}$", re.I)
_ANTIBODY_TO = re.compile(r"\b(?:(?:auto)?antibod(?:y|ies)|IgG|T cells?)\s+(?:against|to|targeting|recogni[sz]ing)\s+"
                          r"(?:the\s+)?(?:[\w-]+\s+){0,2}(?:[\w-]+\s*\(\s*)?$", re.I)
_LOSS_AFTER = re.compile(r"[\s-]*(knock-?down|knock-?out|deletion|depletion|deficiency|silencing|ablation|"
                         r"loss|null|-/-|KO)\b", re.I)
#: effects that turn round when the subject is lost ("loss of X increases Y": X restrains Y); levels do not
#: ("loss of GLT-1 in SOD1 mice" says GLT-1 is down there, the trigger being the loss itself)
_FLIP = {"inhibits": "activates", "activates": "inhibits"}


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
        named = named_members(text, ms)  # "the JAK inhibitor baricitinib": the class only describes the drug
        # "complement component C5", "the kinase TBK1": a gene name right before another only describes it
        named |= {a.start: b for a, b in zip(ms, ms[1:], strict=False) if a.concept.type == b.concept.type == "Gene"
                  and _HEAD_NOUN.fullmatch(text, a.end, b.start) and a.concept.key != b.concept.key
                  and _COMMON_WORD.fullmatch(a.text) and _SYMBOL.search(b.text)}
        ms = [m for m in ms if m.start not in named or m.concept.type not in ("Drug", "Gene")]
        # "copper/zinc superoxide dismutase", "zinc finger protein": a substance that names part of a protein
        compound: set[int] = set()
        for x, y in reversed(list(zip(ms, ms[1:], strict=False))):
            sep = text[x.end:y.start]
            if x.concept.type == "Drug" and ((y.concept.type == "Gene" and sep in (" ", "-", "/"))
                                             or (y.start in compound and sep == "/")):
                compound.add(x.start)
        # "the calcium-channel subunit", "iron-binding proteins": a substance naming a kind of thing
        compound |= {m.start for m in ms if m.concept.type == "Drug" and _NOUN_MODIFIER.match(text, m.end)}
        ms = [m for m in ms if m.start not in compound]
        if len(ms) < 2:
            continue
        modifiers = {m.start for m in ms if _MODIFIER_AFTER.match(text, m.end)}
        # "AQP4-IgG-positive patients", "C9orf72-mutant carriers": the mention describes people, acts on nothing
        # "AQP4 antibody-positive NMOSD", "CD19-positive B cells": the mention only qualifies the next noun
        describing_people = {m.start for m in ms if (mm := _MODIFIER_AFTER.match(text, m.end))
                             and (_PEOPLE.match(text, mm.end()) or mm.group(1).lower() in _QUALIFYING)}
        # "SOD1-ALS", "C9orf72-FTD": the gene names the disease's genetic form and acts on nothing else
        qualifiers = {a.start: b for a, b in zip(ms, ms[1:], strict=False) if a.concept.type == "Gene"
                      and b.concept.type == "Disease" and text[a.end:b.start] in ("-", "\u2013")}
        # triggers matter only from just before the first mention to the last one
        index = _TriggerIndex(text, sent, max(sent.start, ms[0].start - 45), max(m.end for m in ms), ms)
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
                if a.start in qualifiers or b.start in qualifiers:
                    if qualifiers.get(a.start) is b and _allowed(a.concept, "associated_with", b.concept):
                        yield Relation(a.concept, "associated_with", b.concept,
                                       ctx.evidence(sent, a, b, "modifier:genetic-form", 0.7))
                    continue
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


#: what joins the members of a list: commas, "and", "or"
_LIST_SEP = re.compile(r"^[\s,*()]*(?:(?:and|or|and/or|as well as)[\s*()]*)?$", re.I)
#: a list item the dictionary did not know, between two it did ("cd63, cdbpd, cfl1"): a symbol-like token
_ITEM = (r"(?:[A-Za-z][A-Za-z0-9-]*\d[A-Za-z0-9-]*|[A-Z][A-Z0-9-]{1,9}|"
         r"(?!(?:thus|then|also|hence|here|both|each|only|even|still|now|and|but|nor|the|its|this|that|these|those|"
         r"which|who|whom|with|from|into|were|was|are|has|had|have|not|all|most|some)\b)[a-z]{3,6}\d?)")
_UNKNOWN_ITEM = re.compile(rf"^\s*,\s*{_ITEM}(?:\s*,\s*{_ITEM}){{0,5}}\s*,\s*(?:(?:and|or)\s+)?$")


def _joins(gap: str) -> bool:
    return bool(_LIST_SEP.match(gap) or _UNKNOWN_ITEM.match(gap))


def _coordinated(text: str, ms: list[Mention], m: Mention, slash: bool = False) -> set[int]:
    """Positions (starts) of the mentions coordinated with ``m``: "IL-6, TNF-α and IFN-γ".

    With ``slash``, "/" joins too ("Wnt/β-catenin, insulin/IGF-1 and Notch pathways"); it is not a
    list separator in general ("the IL-6/STAT3 axis" says one acts on the other).
    """
    same = [x for x in ms if x.concept.type == m.concept.type]
    idx = next(i for i, x in enumerate(same) if x is m)
    members = {m.start}

    def joined(x: Mention, y: Mention) -> bool:
        gap = text[x.end:y.start]
        return _joins(gap) or (slash and gap.strip() == "/")

    i = idx
    while i > 0 and joined(same[i - 1], same[i]):
        i -= 1
        members.add(same[i].start)
    i = idx
    while i + 1 < len(same) and joined(same[i], same[i + 1]):
        i += 1
        members.add(same[i].start)
    return members


def _list_start(text: str, ms: list[Mention], first: int) -> int:
    """Where the list whose same-type run starts at ``first`` begins, whatever its members' types:
    "an increase in serum LDH, CK, MDA and NO" (genes and chemicals alike)."""
    ordered = [x for x in ms if x.end <= first or x.start == first]
    i = next((k for k, x in enumerate(ordered) if x.start == first), None)
    if i is None:
        return first
    while i > 0 and ordered[i - 1].end <= ordered[i].start and _joins(text[ordered[i - 1].end:ordered[i].start]):
        i -= 1
    return ordered[i].start


_COMMON_WORD = re.compile(r"[a-z][a-z -]*")
_NOUN_MODIFIER = re.compile(r"-(?:channels?|binding|sensing|gated|dependent|sensitive|containing|rich|free|permeable|"
                            r"transporting|conducting)\b", re.I)
#: "the tetrahydrocortisone-tetrahydrocortisol ratio", "the X/Y index": a measure, which acts on nothing
_MEASURE_AFTER = re.compile(r"\s*(?:[-/]\s*[\w-]+\s*)?(?:ratios?|index|indices|quotients?)\b", re.I)
#: "inhibition of X by Y ... doxorubicin-induced cardiotoxicity": the drug brings on the disease it precedes
_INDUCER_OF = re.compile(r"\)?[\s-]*(?:induced|evoked|associated|related)\s+(?:[\w-]+\s+)?", re.I)
_SYMBOL = re.compile(r"\d|^[A-Z0-9-]{2,}$")
_HEAD_NOUN = re.compile(r" (?:(?:component|protein|kinase|receptor|factor|subunit|family member) )?")
_FLUID = re.compile(r"\b(?:in|from|of)\s+(?:the\s+)?(?:CSF|cerebrospinal fluid|plasma|serum|blood|urine|saliva|"
                    r"spinal fluid)\b|\b(?:has|have|had)\s+been\b", re.I)
_CELL_MARKER = re.compile(r"\b(?:microglia?l?|astrocyt\w*|astroglial|neuronal|glial|myeloid|macrophage|monocyte|"
                          r"lymphocyte|endothelial|epithelial|oligodendrocyt\w*|[TB][- ]cell|stem[- ]cell|lineage|"
                          r"surface|activation|proliferation|differentiation|cell[- ]type|(?:pre|post)?[- ]?synaptic|"
                          r"mitochondrial|mesenchymal)\s+$", re.I)
_QUALIFYING = frozenset({"positive", "negative", "expressing", "deficient"})
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


_OBJECT_CLAUSE = re.compile(r"\b(that|which|who|whose|where|when|involving|protect\w*|rescu\w*|preserv\w*|"
                            r"spar(e|es|ed|ing)|characteri[sz]ed)\b",
                            re.I)
#: "tofersen, an antisense oligonucleotide that lowers ...": the clause describes the drug itself
_DESCRIBED_BY_CLAUSE = re.compile(r"\s*(?:\([^()]*\)\s*)?,\s+(?:(?:an?|the|another)\s+(?:[\w-]+\s+){0,5}?)?(?:that|which|who)"
                                  r"\s+(?:(?:also|potently|selectively|specifically|strongly|\w+ly)\s+)?", re.I)
_INFINITIVE = re.compile(r"\b(?:ability|capacity|capability|failure|potential|tendency|propensity|able|unable|fail\w*|"
                         r"allow\w*|enabl\w*|requir\w*|need\w*)\b(?:\s+of\s+[^,;]{1,40}?)?\s+to\s+[a-z]\w*\s+", re.I)
_AFFECTED = re.compile(r"[\s-]*(damage|death|loss|injury|degeneration|dysfunction|toxicity)\b", re.I)
#: "increased neuron survival", "the number of motor neurons": the cells' fate or count, not their activity
_CELL_FATE_AFTER = re.compile(r"[\s-]*(survival|viability|numbers?|counts?|density|densities|health)\b", re.I)
_CELL_FATE_BEFORE = re.compile(r"\b(survival|viability|numbers?|counts?|density|loss|death|ability|capacity|"
                               r"proportion|percentage)\s+of\s+(?:(?:the|these|those|healthy|surviving|"
                               r"cultured)\s+)*$", re.I)
_VERB_COORD = re.compile(r"\s*(?:(?:genes?|proteins?|expression|levels?|mRNAs?|activity|activities)\s*)?,?\s*(and|or)\s+"
                         r"(?:\w+ly\s+)?", re.I)
_BARE_PARTICIPLE = re.compile(r"\w+ed\s+by\b", re.I)
_AUXILIARY = re.compile(r"\b(?:is|are|was|were|be|been|being|get|gets|got|become|became|remain\w*|appear\w*|seem\w*)\b",
                        re.I)
_PARENTHESES = re.compile(r"\([^()]*\)")
_REVERSED_CHANGE = re.compile(r"\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+)?(?:decrease|reduction|loss|decline|depletion|"
                              r"increase|elevation|rise|induction|upregulation|downregulation)s?\s+(?:in|of)\b", re.I)
_INDEPENDENT_OF = re.compile(r"\bindependent(?:ly)?\s+of\s+(?:the\s+)?$", re.I)
#: "increased expression of", "reduced levels of the": a change said of what follows, in a noun phrase
_NOMINAL_CHANGE_OF = re.compile(r"\b(?:increased|decreased|reduced|elevated|enhanced|higher|lower|impaired|diminished|"
                                r"augmented|altered|abnormal|(?:an?\s+)?(?:increase|decrease|reduction|elevation|rise|"
                                r"decline|drop|change)s?)\s+(?:[\w-]+\s+){0,2}?(?:of|in)\s+(?:the\s+)?(?:[a-z]+\s+)?"
                                r"(?:[\w-]+,?\s+(?:and|or|as well as)\s+)?$", re.I)
#: a new item of a list of changes, opposite to the verb: "X decreased A, and activation of B": B is not what X decreased
_LISTED_CHANGE = {
    pred: re.compile(r"(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}?(?:" + nouns + r")\s+(?:of|in)\b",
                     re.I)
    for pred, nouns in (("inhibits", "activation|induction|upregulation|stimulation|increase|elevation"),
                        ("activates", "inhibition|suppression|downregulation|blockade|decrease|reduction|loss"))}
_CLAUSE_VERB = re.compile(r"(?<![-\w])(?:is|are|was|were|leads?|led|results?|resulted|depends?|dependent|causes?|"
                          r"caused|requires?|required)\b", re.I)
_CHARACTERIZED = re.compile(r"\b(?:characteri[sz]ed|marked|manifest(?:ed|ing)?)\s+(?:by|as|with)\b", re.I)
_LOCATION = re.compile(r"\b(in|within|of|from|on)\s+(the\s+)?$", re.I)


def _best_claims(ctx: Context, sent: Sentence, ms: list[Mention], a: Mention, b: Mention,
                 index: _TriggerIndex) -> list[Relation]:
    """The best reading of a pair, plus a trial (tested_in) when the sentence also reports one."""
    text = ctx.doc.text
    coordination: dict[int, set[int]] = {}

    def coordinated_with(m: Mention) -> set[int]:
        """``_coordinated`` for a or b, computed once per pair."""
        if id(m) not in coordination:
            coordination[id(m)] = _coordinated(text, ms, m)
        return coordination[id(m)]

    if b.concept.type == "Disease" and (ch := _CHARACTERIZED.search(text, a.end, b.start)) and any(
            m.concept.type == "Disease" and a.end <= m.start and m.end <= ch.start() for m in ms):
        return []  # "cause RTD, which is characterized by kidney failure": b describes the disease before it
    if (ch := _CHARACTERIZED.search(text, max(sent.start, a.start - 80), a.start)) and \
            not _CLAUSE_BREAK.search(text, ch.end(), a.start):
        return []  # "LPG is characterized by thrombi and elevated apoE": two features of one disease
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
            if a.concept.type == b.concept.type and b.start in _coordinated(text, ms, a, slash=True):
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
                described = s is a and _DESCRIBED_BY_CLAUSE.fullmatch(text, a.end, tm.start()) is not None
                if (_OBJECT_CLAUSE.search(text, lo_t, hi_t) and not described) or \
                        (o is b and _AFFECTED.match(text, b.end)):
                    continue  # the object sits in a relative clause, or is the site of damage ("nerve-cell damage")
                if t.predicate in _EFFECTS and o is b and _INFINITIVE.search(text, tm.end(), b.start):
                    continue  # "reduced the ability of microglia to engulf TDP-43": the object of another verb
                if t.predicate in _EFFECTS and o is b and o.concept.type == "CellType" and (
                        _CELL_FATE_AFTER.match(text, b.end)
                        or _CELL_FATE_BEFORE.search(text, max(tm.end(), b.start - 40), b.start)):
                    continue  # "increased neuron survival": the cells' fate, not their activation
                last = max((m.end for m in ms if m.start in coordinated_with(a) and m.end <= tm.start()),
                           default=a.end)
                if s is a and (_VERB_COORD.fullmatch(text, last, tm.start())
                               or len(text[a.end:tm.start()].split()) > 12):
                    continue  # "scavenge X and reduce Y", "upregulated A and B and downregulated Y": objects
            first = min(coordinated_with(b))
            if (t.predicate in ("inhibits", "activates") and o.concept.type == "CellType" and o is b
                    and first >= a.end and _LOCATION.search(text, max(a.end, first - 12), first)
                    and any(a.end <= x.start and x.end <= first for x in ms)):
                continue  # "cut DNA damage in motor neurons": the cells are where, not what
            if where == "between" and t.direction == "passive" and _BARE_PARTICIPLE.match(text, tm.start()) \
                    and o is a and not _AUXILIARY.search(text, a.end, tm.start()) \
                    and len(_PARENTHESES.sub(" ", text[a.end:tm.start()]).split()) > 3:
                continue  # "a role in the adverse effect induced by X": the participle modifies the noun before it
            if t.predicate == "causes" and o is b and t.direction == "active" and where == "between" \
                    and _OBJECT_CLAUSE.search(text, tm.end(), b.start):
                continue  # "cause RTD, which is characterized by kidney failure": the clause describes the disease
            if t.predicate in ("treats", "causes") and o is b and t.direction == "active" and where == "between" \
                    and _competitor(text, ms, tm.end(), b.start, b):
                continue  # "reduced brain inflammation in models of ALS": the nearer disease is the object
            if o is b and _INDEPENDENT_OF.search(text, max(sent.start, b.start - 30), b.start):
                continue  # "increased colonies independently of Notch1": nothing is said to act on Notch1
            if where == "between" and s is a and t.direction == "active" and t.predicate in _EFFECTS | {"causes", "treats"}:
                first = _list_start(text, ms, min(coordinated_with(a)))
                if _NOMINAL_CHANGE_OF.search(text, max(sent.start, first - 50), first):
                    continue  # "increased expression of Fas, as well as increased activation of caspase 3": a list of changes
                if (mod := _MODIFIER_AFTER.match(text, a.end)) and tm.start() >= mod.end():
                    continue  # "glucose-induced disorder via blocking X": the noun a qualifies is the subject
                if "," in text[a.end:tm.start()] and not _DESCRIBED_BY_CLAUSE.fullmatch(text, a.end, tm.start()) and any(
                        TRIGGERS[k].predicate in _EFFECTS for k in index.before(max(sent.start, first - 100), first)):
                    continue  # "X reduced fat mass, cholesterol levels, and reduced Y": a is an object in a list
            if where == "between" and t.direction == "active" and s is a and tm.start() > a.end + 1 \
                    and text[tm.start() - 1] == "-" and (text[tm.start() - 2].isalnum() or text[tm.start() - 2] == ")"):
                continue  # "X inhibited LPS-induced TNF": the word glued to the participle is its subject, not X
            if where == "between" and t.predicate in _EFFECTS and t.direction == "active" and o is b and any(
                    TRIGGERS[k].predicate in _EFFECTS and TRIGGERS[k].direction == "active" and x > tm.end()
                    and text[x - 1] != "-" for k, (x, _) in between.items()):
                continue  # "X increased A and reduced B": B is the object of the nearer verb
            if where == "between" and t.predicate in _EFFECTS and t.direction == "active" and o is b and \
                    _LISTED_CHANGE[t.predicate].search(text, tm.end(), b.start):
                continue  # "HG decreased CaSR, and activation of the proteasome": a change of its own
            if t.predicate in _EFFECTS and o is b and _REVERSED_CHANGE.match(text, tm.end()):
                continue  # "prevents the decrease in VIP": a change undone, not an effect on VIP
            if where == "between":
                # the subject side must be the nearest of its type to the trigger
                if s is a and _competitor(text, ms, a.end, tm.start(), a):
                    continue
                if s is b and _competitor(text, ms, tm.end(), b.start, b) and t.direction != "passive":
                    continue
                if _REL_PRONOUN.search(_strip_descriptions(text[a.end:tm.start()])) and t.direction == "active" and \
                        not (s is a and _DESCRIBED_BY_CLAUSE.fullmatch(text, a.end, tm.start())):
                    continue  # "X, which blocks Y": X is the clause's subject; "the Z of X, which ..." it is not
                if s is a and t.direction == "active" and _CLOSING_COMMA.fullmatch(text, a.end, tm.start()) \
                        and not _GERUND.match(text, tm.start()) \
                        and len(coordinated_with(a)) == 1:
                    continue  # "an ASO that lowers SOD1 protein, reduced NfL": a ends a clause; the verb is the main one
                gap = text[a.end:tm.start()] if s is a else text[tm.end():b.start]
                gap = _APPOSITIVE.sub(",", gap)  # a description set off by commas does not separate subject and verb
                if len(gap.split()) > 10 and t.direction != "passive":
                    continue  # the trigger is too far from the subject to be its verb
            pred = t.predicate
            if pred in _EFFECTS | {"causes", "treats"} and _MEASURE_AFTER.match(text, s.end):
                continue  # "a decrease in the X-Y ratio": a measure acts on nothing
            if pred == "treats" and any(m.concept.key == s.concept.key and m.end <= o.start
                                        and _INDUCER_OF.fullmatch(text, m.end, o.start) for m in ms):
                continue  # "protection against doxorubicin-induced cardiotoxicity": the drug brings the disease on
            if pred == "biomarker_for" and any(m.concept.type == "CellType" and m.start >= tm.end()
                                               and _MARKER_OF.fullmatch(text, tm.end(), m.start) for m in ms):
                continue  # "CD68 (a marker for macrophages)": it marks a cell type
            if t.direction == "active" and _PASSIVE_AFTER.match(text, tm.end()) and \
                    text[tm.start():tm.end()].lower().endswith("ed"):
                continue  # "was up-regulated by X": the passive trigger reads this one
            if pred in ("upregulated_in", "downregulated_in"):
                before_gene = tm.end() <= s.start
                gap = text[tm.end():s.start] if before_gene else text[s.end:tm.start()]
                if not (_LEVELS_OF if before_gene else _COPULA).fullmatch(gap):
                    continue  # the change must be said of the gene: "higher levels of G", "G was reduced"
                if not before_gene and _TRANSITIVE_OBJECT.match(text, tm.end()):
                    continue  # "G increased the survival of X": G acts; nothing is said of G's own level
                if before_gene and _agent_before(text, sent, ms, tm.start()):
                    continue  # "tofersen reduced plasma NfL in patients": the drug's effect, not the disease's
                between_so = _PARENTHESES.sub(" ", text[min(s.end, o.end):max(s.start, o.start)])
                if len(between_so.split()) > 8 and _CLAUSE_VERB.search(between_so) and \
                        not _CHARACTERIZED.search(between_so):
                    continue  # "reduced GR expression leads to ... target genes in fibroblasts": another clause's place
            if pred in ("upregulated_in", "downregulated_in", "biomarker_for"):
                # "higher levels of G", "G was reduced", "G, X and Y as indicators": said of the subject (list)
                members = coordinated_with(s)
                listed = [m for m in ms if m.start in members] or [s]
                s_lo, s_hi = min(m.start for m in listed), max(m.end for m in listed)
                g_lo, g_hi = (tm.end(), s_lo) if tm.end() <= s_lo else (s_hi, tm.start())
                gap_text = text[g_lo:g_hi]
                if pred == "biomarker_for" and g_lo == s_hi:
                    gap_text = _FLUID.sub(" ", gap_text)  # "G in the CSF has been proposed as a biomarker"
                if len(gap_text.split()) > (4 if pred != "biomarker_for" else 6):
                    continue
                if pred == "biomarker_for" and tm.end() <= s_lo and len(text[tm.end():s_lo].split()) > 1:
                    continue  # "a marker in trials of X" is not X as a marker
                if pred == "biomarker_for" and _CELL_MARKER.search(text, max(sent.start, tm.start() - 30), tm.start()):
                    continue  # "the microglial marker TREM2" marks a cell type, not a disease
            if pred in _EFFECTS and s.concept.type == "Gene" and (
                    _ANTIBODY_TO.search(text, max(sent.start, s.start - 40), s.start)
                    or _anti(text, s)):
                continue  # "antibodies against AQP4 activate complement": the antibodies act, not AQP4
            if pred in _FLIP and s.concept.type == "Gene" and (
                    _LOSS_BEFORE.search(text, max(sent.start, s.start - 40), s.start) or _LOSS_AFTER.match(text, s.end)):
                pred = _FLIP[pred]  # "loss of X increases Y": X restrains Y
            rule = f"pairwise:{t.name}"
            if pred == "treats" and _allowed(s.concept, "causes", o.concept) and (
                    _SIDE_EFFECTS.search(text, max(sent.start, a.start - 80), b.start)  # "adverse events (nausea ...)"
                    or (o is a and _ADVERSE.search(text, a.end, b.start)  # "seizures in a patient treated with X"
                        and not _REMEDY_BEFORE.search(text, max(sent.start, a.start - 60), a.start))):
                pred, rule = "causes", f"pairwise:{t.name}:adverse"
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


#: a verb followed by its object ("increased the number of", "raised its expression")
_TRANSITIVE_OBJECT = re.compile(r"\s+(?:the|a|an|its|their|this|these|those)\b", re.I)


_RELATIVE_CLAUSE = re.compile(r",\s*(?:which|who)\b[^,;]{1,90}?(?=,)", re.I)


def _strip_descriptions(gap: str) -> str:
    """The gap without descriptions set off by commas: ", an ASO," and ", which is used for MS,"."""
    return _RELATIVE_CLAUSE.sub(",", _APPOSITIVE.sub(",", gap))


def _anti(text: str, m: Mention) -> bool:
    """"anti-Dll4": the mention names an antibody's target, so the antibody is what acts."""
    return text[max(0, m.start - 5):m.start].lower() == "anti-"


def _agent_before(text: str, sent: Sentence, ms: list[Mention], at: int) -> bool:
    """A drug just before the change word, in its clause: "X (, a ... ,) reduced ...", "treatment with X lowered"."""
    for m in ms:
        if m.end > at or m.start < sent.start or not (
                m.concept.type == "Drug" or _anti(text, m)):
            continue
        gap = _strip_descriptions(text[m.end:at])
        if not _CLAUSE_BREAK.search(gap) and len(re.findall(r"\w+", gap)) <= 3 and not re.search(r"\band\b", gap):
            return True
    return False


_PASSIVE_AFTER = re.compile(r"\s+by\b", re.I)
_SIDE_EFFECTS = re.compile(r"\b(?:adverse\s+(?:events?|effects?|reactions?|drug\s+reactions?)|side[- ]effects?)\b", re.I)
_MARKER_OF = re.compile(r"\s*(?:for|of)\s+(?:the\s+|activated\s+|mature\s+)*", re.I)
#: a disease named before the drug, as what happens to people on it: "seizures in patients treated with X",
#: "bradycardia during X therapy", "hepatitis related to X treatment" (an adverse effect, not a treatment)
_ADVERSE = re.compile(
    r"\b(?:in|among|of|for)\s+(?:[\w-]+\s+){0,4}?(?:patients?|subjects?|individuals?|persons?|people|children|adults?|"
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

