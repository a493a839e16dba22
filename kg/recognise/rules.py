"""Composition rules: concepts that are made of a recognised concept plus a head word.

Each rule is a function ``(text, mentions, lexicon) -> (new mentions, replaced mentions)``
registered in :data:`RULES`; they run in order.

* drug classes: a gene followed by ``inhibitor``/``blocker``/``antagonist``... →
  an ungrounded Drug "BTK inhibitor" (blocker is an inhibitor);
* pathways named after their hub: "NF-κB pathway", "the STING and NF-κB
  pathways" → the Pathway the vocabulary lists under that name;
* model systems: "ALS mouse model", "mouse models of ALS", "SOD1-G93A mice";
* patient-derived samples: "blood cells taken from people with X",
  "patient-derived fibroblasts" → a ModelSystem.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ..lexicon import Lexicon
from ..model import Concept, Document, Mention

__all__ = ["RULES", "apply_rules", "ROLE_WORDS", "ORGANISMS"]

#: drug-class head words and the role they name ("blocker" is an inhibitor)
ROLE_WORDS = {
    "inhibitor": "inhibitor", "inhibitors": "inhibitor", "blocker": "inhibitor", "blockers": "inhibitor",
    "antagonist": "antagonist", "antagonists": "antagonist", "agonist": "agonist", "agonists": "agonist",
    "activator": "activator", "activators": "activator", "degrader": "degrader", "degraders": "degrader",
    "modulator": "modulator", "modulators": "modulator",
}
#: organism words in model names and their canonical form
ORGANISMS = {"mouse": "mouse", "mice": "mouse", "murine": "mouse", "rat": "rat", "rats": "rat",
             "zebrafish": "zebrafish", "fly": "fly", "flies": "fly", "drosophila": "fly", "worm": "worm",
             "worms": "worm", "primate": "primate", "primates": "primate", "pig": "pig", "pigs": "pig",
             "dog": "dog", "dogs": "dog"}

_RECEPTOR_ROLE = re.compile(r"[\s-]receptors?\s+(" + "|".join(ROLE_WORDS) + r")\b", re.I)
_PAREN_ALIAS = re.compile(r"\s*\([^()]{1,15}\)")
_ROLE = re.compile(r"[\s-]?(" + "|".join(ROLE_WORDS) + r")\b", re.I)
_PATHWAY_HEAD = re.compile(r"[\s-]?(signal(?:l)?ing pathways?|signal(?:l)?ing|pathways?|cascades?|signal transduction)\b",
                           re.I)
_COORD = re.compile(r"^(?:,\s*|\s+(?:and|or|and/or)\s+|/)$")
_ORG = "|".join(sorted(ORGANISMS, key=len, reverse=True))
_MODEL_AFTER = re.compile(rf"[\s-]((?:transgenic\s+|knock-?out\s+|knock-?in\s+|mutant\s+|deficient\s+|null\s+|"
                          rf"c?KO\s+|overexpressing\s+|humani[sz]ed\s+|)({_ORG}))\b"
                          rf"(?:\s+(models?))?", re.I)
_DISEASE_MODEL_AFTER = re.compile(rf"\s+(?:(?:transgenic|genetic|animal)\s+)?({_ORG})?\s*(models?)\b|\s+({_ORG})\b",
                                  re.I)
_ORGANISM_WITH = re.compile(rf"\b({_ORG})\s+with\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){{0,2}}$", re.I)
_MODEL_OF_BEFORE = re.compile(rf"\b(({_ORG})\s+models?\s+of|models?\s+of)\s*$", re.I)
_ORGANISM_CARRYING = re.compile(
    rf"\b((?:transgenic\s+)?({_ORG}))\s+(?:that\s+|which\s+)?(?:carry|carrying|carries|express|expressing|expresses|"
    r"over-?express|over-?expressing|over-?expresses|harbou?r|harbou?ring|harbou?rs|bearing|with|lacking|lack|"
    r"deficient\s+in|without)\s+"
    r"(?:(?:an?|the|one|both|two)\s+)?(?:(?:mutant|mutated|mutations?\s+in|human|transgenic|pathogenic|disease-causing|"
    r"functional|cop(?:y|ies)\s+of|alleles?\s+of|"
    r"[\w-]+-linked|[\w-]+-associated)\s+(?:(?:forms?|versions?|copies)\s+of\s+)?(?:the\s+)?)*$", re.I)
_CARRIED_AFTER = re.compile(r"(?:[\s-]?\(?[A-Z]\d{1,4}[A-Z]\)?)?(?:\s+(?:genes?|transgenes?|mutations?|variants?|proteins?))?")
_MODEL_OF_TOPIC = re.compile(rf"\b({_ORG})\s+models?\s+of\s+(?:the|this)\s+(?:disease|disorder|condition)\b", re.I)
_VARIANT = re.compile(r"[\s-]?(?:\(?([A-Z]\d{1,4}[A-Z])\)?)")
_PATIENT_AFTER = re.compile(
    r"\s+(?:taken|derived|isolated|obtained|collected|sampled|cultured)\s+from\s+(?:\w+\s+){0,4}?"
    r"(?:patients?|people|persons|donors?|individuals|subjects|cases)\b", re.I)
_PATIENT_BEFORE = re.compile(
    r"(patient-derived|patients'|patient|donor-derived"
    r"|(?:induced\s+pluripotent\s+stem\s+cells?\s*(?:\(\s*h?iPSCs?\s*\)\s*)?|h?iPSCs?|iPS\s+cells?)\s*-\s*derived)\s*$",
    re.I)

Rule = Callable[[str, list[Mention], Lexicon], tuple[list[Mention], set[int]]]


def _local(type_: str, label: str, synonyms: tuple[str, ...] = ()) -> Concept:
    return Concept(curie=None, type=type_, label=label, synonyms=synonyms, source="rule")


_NOMINAL = re.compile(r"\b(blocking|inhibiting|inhibition of|blockade of|suppressing|silencing|antagonizing|"
                      r"antagonising|turning off|switching off|shutting off|turning|switching|shutting)\s+"
                      r"(?:(?:the|its|this|that)\s+)?(?:(?:enzyme|kinase|protein|receptor|gene)\s+)?$", re.I)
_OFF_AFTER = re.compile(r"\s+(?:(?:switch|signal|pathway|gene)\s+)?off\b", re.I)
_NOMINAL_ROLE = {"blocking": "inhibitor", "inhibiting": "inhibitor", "inhibition of": "inhibitor",
                 "blockade of": "inhibitor", "suppressing": "inhibitor", "silencing": "inhibitor",
                 "antagonizing": "antagonist", "antagonising": "antagonist"}


def drug_classes(text: str, mentions: list[Mention], lex: Lexicon) -> tuple[list[Mention], set[int]]:
    """"BTK inhibitor(s)", "BTK blocker" and the act "blocking BTK" → the drug class "BTK inhibitor".

    The act ("blocking BTK", "inhibition of PI3K") names the class only in a document that names
    the class itself too; elsewhere it is a process, not a drug.
    """
    new, drop = [], set()
    acts: list[tuple[Mention, int]] = []
    for i, m in enumerate(mentions):
        if m.concept.type == "Drug":
            # a class the vocabulary lists under a target's name ("ACE inhibitor", "TNF blockers"): its target
            target = _class_target(m.text, lex) if not m.method.startswith("rule:") else None
            if target is not None:
                new.append(replace(m, method=f"rule:drug-class:{target.key}"))
                drop.add(i)
                continue
            # a ligand naming a receptor class: "sphingosine-1-phosphate receptor modulator"
            rr = _RECEPTOR_ROLE.match(text, m.end)
            if rr:
                role = ROLE_WORDS[rr.group(1).lower()]
                label = f"{m.text} receptor {role}"
                new.append(Mention(m.doc_id, m.start, rr.end(), text[m.start:rr.end()], _local("Drug", label),
                                   method="rule:drug-class"))
                drop.add(i)
            continue
        if m.concept.type != "Gene":
            continue
        after = m.end
        alias = _PAREN_ALIAS.match(text, after)  # "Bruton's tyrosine kinase (BTK) inhibitor"
        r = _ROLE.match(text, after) or (_ROLE.match(text, alias.end()) if alias else None)
        if not r:
            nominal = _NOMINAL.search(text, max(0, m.start - 40), m.start)
            verb = " ".join(nominal.group(1).lower().split()) if nominal else ""
            if verb in ("turning", "switching", "shutting") and not _OFF_AFTER.match(text, m.end):
                nominal = None  # "turning X on" is not inhibition; "turning the X switch off" is
            if nominal and not re.match(r"\s+by\b", text[m.end:m.end + 5]):
                role = _NOMINAL_ROLE.get(verb, "inhibitor")
                concept = _local("Drug", f"{m.concept.label} {role}")
                acts.append((Mention(m.doc_id, nominal.start(), m.end, text[nominal.start():m.end], concept,
                                     method=f"rule:drug-class:{m.concept.key}"), i))
            continue
        role = ROLE_WORDS[r.group(1).lower()]
        symbol = m.concept.label
        label = f"{symbol} {role}"
        end = r.end()
        concept = _local("Drug", label)
        new.append(Mention(m.doc_id, m.start, end, text[m.start:end], concept, method=f"rule:drug-class:{m.concept.key}"))
        drop.update(j for j, x in enumerate(mentions) if m.start <= x.start and x.end <= end)
    named = {n.concept.key for n in new}
    for act, i in acts:
        if act.concept.key in named:
            new.append(act)
            drop.add(i)
    return new, drop


_CLASS_NAME = re.compile(r"^(.{2,40}?)[\s-]+(" + "|".join(ROLE_WORDS) + r")$", re.I)


def _class_target(surface: str, lex: Lexicon) -> Concept | None:
    """The gene a class name is built on: "ACE inhibitors" → ACE; None for "calcium channel blockers".

    The head must name the gene by its symbol or an exact-case alias, so that
    everyday words ("proton pump", "calcium") never become targets.
    """
    m = _CLASS_NAME.match(surface)
    if m is None or ROLE_WORDS[m[2].lower()] not in ("inhibitor", "antagonist", "agonist", "activator"):
        return None
    head = m[1]
    if not any(c.isupper() or c.isdigit() for c in head[1:]) or " " in head:
        return None
    best = min((e for e in lex.lookup(head) if lex.concept(e.index).type == "Gene"), key=lambda e: (e.rank, e.index),
               default=None)
    return lex.concept(best.index) if best is not None and best.rank <= 3 else None


_ANTI_BEFORE = re.compile(r"\banti-?\s*$", re.I)
_ANTI_AFTER = re.compile(r"(?:\s+|-)(?:(?:monoclonal\s+)?antibody\s+)?(treatments?|therap(?:y|ies)|agents?|drugs?|"
                         r"medications?|biologics?|(?:monoclonal\s+)?antibod(?:y|ies)|mAbs?)\b", re.I)


def anti_therapies(text: str, mentions: list[Mention], lex: Lexicon) -> tuple[list[Mention], set[int]]:
    """"anti-CD20 therapy", "anti-TNF agents", "an anti-IL-6 monoclonal antibody" → the class "CD20 inhibitor".

    Only with a therapy head: "anti-AChR antibodies" in a patient's serum are autoantibodies.
    """
    new, drop = [], set()
    for i, m in enumerate(mentions):
        if m.concept.type != "Gene":
            continue
        before = _ANTI_BEFORE.search(text, max(0, m.start - 6), m.start)
        after = _ANTI_AFTER.match(text, m.end)
        if not (before and after):
            continue
        head = after.group(1).lower()
        if head.startswith(("antibod", "mab")) and not re.search(r"monoclonal|mAb", after.group(0), re.I) \
                and not _THERAPY_CONTEXT.search(text, max(0, before.start() - 40), before.start()):
            continue  # "anti-X antibodies" alone: autoantibodies are as likely as a drug
        concept = _local("Drug", f"{m.concept.label} inhibitor", (text[before.start():after.end()],))
        new.append(Mention(m.doc_id, before.start(), after.end(), text[before.start():after.end()], concept,
                           method=f"rule:drug-class:{m.concept.key}"))
        drop.add(i)
    return new, drop


_THERAPY_CONTEXT = re.compile(r"\b(?:treat(?:ed|ment|ing)?|therap\w*|given|administ\w+|infusions?|dos\w+|"
                              r"received|receiving)\b(?:\s+\w+){0,3}\s*(?:an?\s+|the\s+|with\s+)?$", re.I)


def _pathway_for(surface: str, concept: Concept | None, lex: Lexicon) -> Concept | None:
    names = [surface]
    if concept is not None:
        names += [concept.label, *concept.synonyms[:4]]
    for n in names:
        for suffix in (" pathway", " signaling pathway", " signaling", " signalling", " signal transduction"):
            for e in lex.lookup(n + suffix):
                c = lex.concept(e.index)
                if c.type == "Pathway":
                    return c
    return None


def hub_pathways(text: str, mentions: list[Mention], lex: Lexicon) -> tuple[list[Mention], set[int]]:
    """"X pathway"/"X signaling" and coordinated "X and Y pathways" → the pathway named after X."""
    new, drop = [], set()
    # spans that look like a hub name: gene mentions, plus unknown tokens right before a head word
    for i, m in enumerate(mentions):
        if m.concept.type not in ("Gene", "Drug"):
            continue
        head = _PATHWAY_HEAD.match(text, m.end)
        group = [i]
        if not head:
            # coordination: X and Y pathways
            j = i + 1
            while j < len(mentions) and _COORD.match(text[mentions[j - 1].end:mentions[j].start]):
                j += 1
            last = mentions[j - 1] if j - 1 > i else None
            if last is None:
                continue
            head = _PATHWAY_HEAD.match(text, last.end)
            if not head or not head.group(1).lower().endswith("s"):
                continue
        p = _pathway_for(m.text, m.concept, lex)
        if p is None:
            continue
        own_head = _PATHWAY_HEAD.match(text, m.end)
        end = own_head.end() if own_head else m.end
        new.append(Mention(m.doc_id, m.start, end, text[m.start:end], p, method="rule:hub-pathway"))
        drop.update(group)
    low = text.lower()
    if "signal" not in low and "pathway" not in low:
        return new, drop
    # unknown hub words: "the NF-κB pathway" where NF-κB is not itself in the vocabulary
    for hm in re.finditer(r"(?<![\w-])([A-Za-z][\w/-]*[κβαγ]?[\w]*)(?=\s+(?:signal(?:l)?ing|pathways?)\b)", text):
        s, e = hm.span(1)
        if any(m.start < e and s < m.end for m in mentions) or any(n.start < e and s < n.end for n in new):
            continue
        word = hm.group(1)
        if word.islower():
            continue
        p = _pathway_for(word, None, lex)
        head = _PATHWAY_HEAD.match(text, e)
        if p is not None and head is not None:
            new.append(Mention("", s, head.end(), text[s:head.end()], p, method="rule:hub-pathway"))
    # and the coordinated unknown: "STING and NF-κB pathways" with NF-κB unknown handled above;
    # with X known and Y unknown, X picks up the plural head through the coordination
    for hm in re.finditer(r"(?<![\w-])([A-Za-z][\w/-]*)\s+(?:and|or)\s+[\w/-]+\s+(pathways|signaling pathways)\b", text):
        s, e = hm.span(1)
        if any(n.start <= s < n.end for n in new):
            continue
        idx = [i for i, m in enumerate(mentions) if m.start == s and m.end == e]
        p = _pathway_for(hm.group(1), mentions[idx[0]].concept if idx else None, lex)
        if p is not None:
            new.append(Mention("", s, e, text[s:e], p, method="rule:hub-pathway"))
            drop.update(idx)
    return new, drop


_ORGANISM_WORD = re.compile(rf"\b(?:transgenic\s+)?(?:{_ORG})\b")  # on lower-cased text: fast


def model_systems(text: str, mentions: list[Mention], lex: Lexicon) -> tuple[list[Mention], set[int]]:
    new: list[Mention] = []
    organism_starts: list[int] | None = None  # found on first need: most genes are not carried by an organism
    for m in mentions:
        t = m.concept.type
        if t == "Gene":
            # "SOD1-G93A mice", "TDP-43 transgenic mice", "C9orf72 mouse model"
            pos = m.end
            variant = _VARIANT.match(text, pos)
            vtxt = ""
            if variant and variant.group(1):
                vtxt = variant.group(1)
                pos = variant.end()
            org = _MODEL_AFTER.match(text, pos)
            if not org:
                # "mice carrying a mutant human SOD1 gene", "transgenic rats expressing TDP-43"
                if organism_starts is None:
                    organism_starts = [o.start() for o in _ORGANISM_WORD.finditer(text.lower())]
                carrier = next((c for o in organism_starts if m.start - 80 <= o < m.start
                                if (c := _ORGANISM_CARRYING.match(text, o, m.start))), None)
                if carrier:
                    tail = _CARRIED_AFTER.match(text, m.end)
                    end = tail.end() if tail else m.end
                    label = f"{m.concept.label} {ORGANISMS[carrier.group(2).lower()]} model"
                    new.append(Mention(m.doc_id, carrier.start(), end, text[carrier.start():end],
                                       _local("ModelSystem", label), method=f"rule:model:{m.concept.key}"))
                continue
            organism = ORGANISMS[org.group(2).lower()]
            label = f"{m.concept.label}{'-' + vtxt if vtxt else ''} {organism} model"
            end = org.end()
            new.append(Mention(m.doc_id, m.start, end, text[m.start:end], _local("ModelSystem", label),
                               method=f"rule:model:{m.concept.key}"))
        elif t == "Disease":
            after = _DISEASE_MODEL_AFTER.match(text, m.end)
            before = _MODEL_OF_BEFORE.search(text, max(0, m.start - 40), m.start)
            with_disease = _ORGANISM_WITH.search(text, max(0, m.start - 40), m.start)
            organism, start, end = None, m.start, m.end
            if after and (after.group(1) or after.group(3)):
                organism = ORGANISMS[(after.group(1) or after.group(3)).lower()]
                end = after.end()
            elif before and before.group(2):
                organism = ORGANISMS[before.group(2).lower()]
                start = before.start()
            elif with_disease:
                # "mice with an ALS-like disease", "rats with experimental arthritis"
                organism = ORGANISMS[with_disease.group(1).lower()]
                start = with_disease.start()
                like = re.match(r"-like(\s+(disease|disorder|condition|syndrome|phenotype))?\b", text[m.end:m.end + 30])
                end = m.end + like.end() if like else m.end
            if organism is None:
                continue
            label = f"{m.concept.label} {organism} model"
            new.append(Mention(m.doc_id, start, end, text[start:end], _local("ModelSystem", label),
                               method=f"rule:model:{m.concept.key}"))
    new += _models_of_the_topic(text, mentions)
    # the organism word inside a composed model ("mouse" in "mouse model of X") is part of it
    drop = {j for j, x in enumerate(mentions) if x.concept.type == "ModelSystem"
            and any(n.start <= x.start and x.end <= n.end for n in new)}
    return new, drop


def _models_of_the_topic(text: str, mentions: list[Mention]) -> list[Mention]:
    """"mouse models of the disease": the disease the document is about (its most-named one)."""
    if " of th" not in text or "model" not in text.lower():
        return []
    matches = list(_MODEL_OF_TOPIC.finditer(text))
    if not matches:
        return []
    counts: dict[str, int] = {}
    first: dict[str, Mention] = {}
    for m in mentions:
        if m.concept.type == "Disease":
            counts[m.concept.key] = counts.get(m.concept.key, 0) + 1
            first.setdefault(m.concept.key, m)
    if not counts:
        return []
    topic = first[max(counts, key=lambda k: (counts[k], -first[k].start))]
    out = []
    for hit in matches:
        if any(m.start < hit.end() and hit.start() < m.end and m.concept.type == "ModelSystem"
               and m.method.startswith("rule:") for m in mentions):
            continue
        label = f"{topic.concept.label} {ORGANISMS[hit.group(1).lower()]} model"
        out.append(Mention(topic.doc_id, hit.start(), hit.end(), hit.group(0), _local("ModelSystem", label),
                           method=f"rule:model:{topic.concept.key}"))
    return out


def patient_samples(text: str, mentions: list[Mention], lex: Lexicon) -> tuple[list[Mention], set[int]]:
    new, drop = [], set()
    for i, m in enumerate(mentions):
        if m.concept.type != "CellType":
            continue
        before = _PATIENT_BEFORE.search(text, max(0, m.start - 60), m.start)
        after = _PATIENT_AFTER.match(text, m.end)
        if not (before or after):
            continue
        label, method = f"patient-derived {m.concept.label}", f"rule:sample:{m.concept.key}"
        if before and "deriv" in before.group(1).lower() and "ps" in before.group(1).lower():
            # stem-cell-derived cells are made in the lab: elsewhere the bare cell name is the cell type
            label, method = f"iPSC-derived {m.concept.label}", f"rule:ipsc:{m.concept.key}"
        start = before.start(1) if before else m.start
        c = _local("ModelSystem", label, (m.text,))
        new.append(Mention(m.doc_id, start, m.end, text[start:m.end], c, method=method))
        drop.add(i)
        # what the dictionary saw inside the description ("pluripotent stem cell") is part of it
        drop.update(j for j, x in enumerate(mentions) if j != i and start <= x.start and x.end <= m.end)
    return new, drop


_ELLIPSIS_BEFORE = re.compile(r"([A-Za-z][\w+-]{0,12})\s*(?:,|and|or|and/or)\s*$")


def shared_heads(text: str, mentions: list[Mention], lex: Lexicon) -> tuple[list[Mention], set[int]]:
    """Coordination with a shared head: "CD8+ and CD4+ T cells" names CD8+ T cells too."""
    new, drop = [], set()
    for m in mentions:
        parts = m.text.split(None, 1)
        if len(parts) < 2:
            continue
        before = _ELLIPSIS_BEFORE.search(text, max(0, m.start - 20), m.start)
        if not before:
            continue
        name = f"{before.group(1)} {parts[1]}"
        hits = [lex.concept(e.index) for e in sorted(lex.lookup(name), key=lambda e: e.rank)]
        hits = [c for c in hits if c.type == m.concept.type]
        if not hits:
            continue
        s, e = before.span(1)
        for i, other in enumerate(mentions):
            if other.start < e and s < other.end:
                drop.add(i)
        new.append(Mention(m.doc_id, s, e, text[s:e], hits[0], method="rule:shared-head"))
    return new, drop


def one_sense(text: str, mentions: list[Mention], lex: Lexicon) -> tuple[list[Mention], set[int]]:
    """A concept a rule re-read in this document keeps that reading throughout.

    Cells re-typed as a patient-derived sample, or a description re-assigned to the disease it
    describes, are read the same way wherever else the document names them.
    """
    sense: dict[str, Mention] = {}
    for m in mentions:
        if m.method.startswith(("rule:sample:", "rule:described-by-name:")):
            sense.setdefault(m.method.split(":", 2)[2], m)
    if not sense:
        return [], set()
    new, drop = [], set()
    for i, m in enumerate(mentions):
        ref = sense.get(m.concept.key)
        if ref is not None and m.method == "lexicon":
            new.append(replace(m, concept=ref.concept, method=ref.method))
            drop.add(i)
    return new, drop


_PAREN_OPEN = re.compile(r"\s*\(\s*$")
_PAREN_CLOSE = re.compile(r"\s*\)")


def parenthetical_names(text: str, mentions: list[Mention], lex: Lexicon) -> tuple[list[Mention], set[int]]:
    """"a virus-linked spinal cord disease (HAM/TSP)": a description followed by the name it describes.

    A disease mention directly followed by a parenthesised acronym of another disease names that
    disease (the acronym is not its abbreviation, or the abbreviation step would have aligned them).
    """
    new, drop = [], set()
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        if a.concept.type != "Disease" or b.concept.type != "Disease" or a.concept.key == b.concept.key:
            continue
        if not (_PAREN_OPEN.fullmatch(text, a.end, b.start) and _PAREN_CLOSE.match(text, b.end)):
            continue
        if not (len(b.text) <= 10 and not any(ch.islower() for ch in b.text)):
            continue
        new.append(replace(a, concept=b.concept, method=f"rule:described-by-name:{a.concept.key}"))
        drop.add(i)
    return new, drop


#: the standard amino acids, by name and three-letter code
AMINO_ACIDS = frozenset("""alanine arginine asparagine aspartate glutamate cysteine glutamine glycine histidine
isoleucine leucine lysine methionine phenylalanine proline serine threonine tryptophan tyrosine valine
ala arg asn asp cys gln glu gly his ile leu lys met phe pro ser thr trp tyr val""".split())
_SEQUENCE_CONTEXT = re.compile(r"residue|substitut|mutat|position|codon|polymorph|variant|replac|repeat|-rich|"
                               r"\btracts?\b|stretch|"
                               r"\b[A-Z][a-z]{2}-?\d+|\d+\s*(?:→|->|to)\b|\bto\s+\w+ine\b", re.I)


def residues(text: str, mentions: list[Mention], lex: Lexicon) -> tuple[list[Mention], set[int]]:
    """Amino acids named as residues of a protein ("an arginine-to-cysteine substitution") are not chemicals."""
    drop = set()
    for i, m in enumerate(mentions):
        if m.concept.type != "Drug":
            continue
        name = m.text.lower().removeprefix("l-")
        if name.rstrip("s") not in AMINO_ACIDS and name not in AMINO_ACIDS:
            continue
        if _SEQUENCE_CONTEXT.search(text, max(0, m.start - 40), min(len(text), m.end + 40)):
            drop.add(i)
    return [], drop


#: a nucleotide triplet: "GAC", "TAG"; read as a codon next to another one or to the word "codon"
_TRIPLET = re.compile(r"[ACGTU]{3}")
_CODON_CONTEXT = re.compile(r"\bcodons?\b|(?<![\w-])[ACGTU]{3}\s*(?:/|>|->|→|to)\s*$|^\s*(?:/|>|->|→|to)\s*[ACGTU]{3}(?![\w-])",
                            re.I)


def codons(text: str, mentions: list[Mention], lex: Lexicon) -> tuple[list[Mention], set[int]]:
    """Codons ("a D418D polymorphism (GAC/GAT)", "the TAG stop codon") are not genes or chemicals."""
    drop = set()
    for i, m in enumerate(mentions):
        if not _TRIPLET.fullmatch(m.text):
            continue
        before, after = text[max(0, m.start - 25):m.start], text[m.end:m.end + 25]
        if _CODON_CONTEXT.search(before) or _CODON_CONTEXT.search(after):
            drop.add(i)
    return [], drop


#: a member's number or letter right after a family's name: "hepatocyte nuclear factor 1b", "TCF-4J", "MMPs 2/9"
_MEMBER_DESIGNATOR = re.compile(r"(?:[\s-]?\d{1,3}[A-Za-z]{0,2}|[\s-][A-Z]\d?)(?![\w-])")


def family_members(text: str, mentions: list[Mention], lex: Lexicon) -> tuple[list[Mention], set[int]]:
    """A protein family's name followed by a member's number names a member, not the family.

    "HNF1B (hepatocyte nuclear factor 1b)" and "the TCF-4J isoform" are single genes; when the vocabulary
    does not know the member's full name, the family would be a wrong concept, so the mention goes.
    """
    drop = {i for i, m in enumerate(mentions) if m.concept.type == "Gene" and m.concept.source == "MeSH"
            and _MEMBER_DESIGNATOR.match(text, m.end)}
    return [], drop


_CELL_MODEL = re.compile(
    r"\b(?:lab[- ]grown|cultured|stem[- ]cell[- ]derived|iPSC[- ]derived|reprogrammed)\s+(?:human\s+)?"
    r"(?:[\w-]+\s+){0,5}?cells?\s+(?:made|derived|generated|grown|reprogrammed|obtained)\s+from\s+"
    r"(?:[\w-]+\s+){0,3}?(?:patients?|people|donors?|individuals)\b", re.I)


def cell_models(text: str, mentions: list[Mention], lex: Lexicon) -> tuple[list[Mention], set[int]]:
    """Lay descriptions of patient-derived cell models ("lab-grown nerve cells made from ALS patients")."""
    new = []
    for m in _CELL_MODEL.finditer(text):
        head = re.search(r"cells?\b", m.group(0), re.I)
        end = m.start() + head.end() if head else m.end()
        new.append(Mention("", m.start(), end, text[m.start():end], _local("ModelSystem", "patient-derived cells"),
                           method="rule:cell-model"))
    drop = {i for i, x in enumerate(mentions) if x.concept.type == "CellType"
            and any(n.start <= x.start and x.end <= n.end for n in new)}
    return new, drop


#: code names of investigational drugs: "MCC950", "AMX0035", "BIIB-067", "CNM-Au8", "ATH-1105"
_DRUG_CODE = re.compile(r"(?<![\w-])(?!NCT\d)([A-Z][A-Za-z]{1,5}-?(?:\d{2,7}[A-Za-z]?|[A-Z][a-z]\d{1,3}))(?![\w-])")
_DRUG_HEADS = (r"(?:inhibitor|antagonist|agonist|drug|compound|molecule|therapy|therapeutic|treatment|candidate|"
               r"antibody|oligonucleotide|modulator|activator|blocker|degrader|vaccine|medication|medicine|agent)s?")
_CODE_APPOSITION = re.compile(rf"\s*,\s*(?:an?|the|its)\s+(?:[\w/()-]+\s+){{0,5}}?{_DRUG_HEADS}\b", re.I)
_CODE_EXAMPLE = re.compile(rf"\b{_DRUG_HEADS}\b[^.;]{{0,80}}?\b(?:such\s+as|including|like|e\.g\.,?)\s*$", re.I)
_CODE_BEFORE = re.compile(
    rf"(?:\b{_DRUG_HEADS}|\b(?:called|named|dubbed|known\s+as|treat(?:ed|ment|ing)?\s+with|dosed\s+with|"
    r"administration\s+of|doses?\s+of|given))\s*,?\s*$", re.I)


#: WHO INN stems that only drug names end with, and the shortest such name: "-mab" antibodies,
#: "-nib" kinase inhibitors, "-ersen" antisense oligonucleotides, "-siran" siRNAs, "-imod"
#: immunomodulators, "-limus" mTOR/calcineurin inhibitors, "-vec" gene therapy vectors...
INN_STEMS = (("mab", 7), ("nib", 7), ("ersen", 8), ("siran", 8), ("imod", 7), ("limus", 8), ("vec", 8),
             ("clib", 8), ("lisib", 8), ("parib", 8), ("rafenib", 8), ("vir", 8), ("sertib", 8), ("tinib", 7),
             ("cillin", 8), ("mycin", 8), ("floxacin", 9), ("sartan", 8), ("vastatin", 9), ("prazole", 9),
             ("dipine", 9), ("olol", 7), ("azepam", 8), ("oxetine", 9), ("triptan", 9), ("setron", 9),
             ("gliptin", 9), ("glutide", 9), ("dronate", 9), ("afil", 8), ("lukast", 9), ("parin", 8),
             ("platin", 9), ("rubicin", 9), ("taxel", 8), ("zomib", 8), ("degib", 8), ("stim", 9))
_INN = re.compile(r"(?<![\w-])([A-Za-z][a-z]{3,}(?:" + "|".join(sorted({s for s, _ in INN_STEMS}, key=len, reverse=True))
                  + r"))(?![\w-])")


def _inn_name(word: str) -> bool:
    low = word.lower()
    return any(low.endswith(stem) and len(low) >= n for stem, n in INN_STEMS)


def _covered(text: str, mentions: list[Mention]) -> bytearray:
    """A mask of the characters some mention already covers."""
    covered = bytearray(len(text) + 1)
    for m in mentions:
        covered[m.start:m.end] = b"\x01" * (m.end - m.start)
    return covered


def drug_codes(text: str, mentions: list[Mention], lex: Lexicon) -> tuple[list[Mention], set[int]]:
    """An unknown code name that the text presents as a drug is a Drug, wherever the document uses it.

    "MCC950, a selective NLRP3 inhibitor", "the experimental compound AMX0035", "treatment with
    ATH-1105": the code is not in the vocabulary, the sentence says what it is.  Codes the
    dictionary knows (genes, cell lines, drugs it lists) are left alone.
    """
    covered = _covered(text, mentions)
    hits = [h for h in _DRUG_CODE.finditer(text) if not any(covered[h.start():h.end()])]
    drugs = {h.group(1) for h in hits
             if _CODE_APPOSITION.match(text, h.end()) or _CODE_BEFORE.search(text, max(0, h.start() - 40), h.start())
             or _CODE_EXAMPLE.search(text, max(0, h.start() - 120), h.start())}
    new = [Mention("", h.start(), h.end(), h.group(1), _local("Drug", h.group(1)), method="rule:drug-code")
           for h in hits if h.group(1) in drugs]
    # new drugs the vocabulary does not list yet, named by their INN stem ("efgartigimod", "tolebrutinib")
    for h in _INN.finditer(text):
        if _inn_name(h.group(1)) and not any(covered[h.start():h.end()]):
            name = h.group(1)
            new.append(Mention("", h.start(), h.end(), name, _local("Drug", name.lower()), method="rule:drug-name"))
    return new, set()


_GLUED_VARIANT = re.compile(r"(?<![\w-])([A-Z][A-Za-z0-9]{1,9}?)([A-Z]\d{1,4}[A-Z])(?![\w-])")


def glued_variants(text: str, mentions: list[Mention], lex: Lexicon) -> tuple[list[Mention], set[int]]:
    """A gene symbol written together with a protein change, "SOD1G93A", "FUSR521C": the gene is named."""
    new = []
    covered = _covered(text, mentions)
    for h in _GLUED_VARIANT.finditer(text):
        if any(covered[h.start():h.end()]):
            continue
        genes = [c for c in (lex.concept(e.index) for e in sorted(lex.lookup(h.group(1)), key=lambda e: e.rank))
                 if c.type == "Gene"]
        if genes:
            s, e = h.span(1)
            new.append(Mention("", s, e, h.group(1), genes[0], method="rule:glued-variant", score=0.9))
    return new, set()


#: rules in the order they run
RULES: list[tuple[str, Rule]] = [
    ("residues", residues),
    ("codons", codons),
    ("family-members", family_members),
    ("glued-variant", glued_variants),
    ("parenthetical-name", parenthetical_names),
    ("shared-head", shared_heads),
    ("drug-class", drug_classes),
    ("anti-therapy", anti_therapies),
    ("drug-code", drug_codes),
    ("hub-pathway", hub_pathways),
    ("model-system", model_systems),
    ("patient-sample", patient_samples),
    ("cell-model", cell_models),
    ("one-sense", one_sense),
]


def apply_rules(doc: Document, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    text = doc.text
    mentions = sorted(mentions, key=lambda m: (m.start, m.end))
    for _, rule in RULES:
        new, drop = rule(text, mentions, lex)
        if new or drop:
            mentions = [m for i, m in enumerate(mentions) if i not in drop]
            mentions += [replace(n, doc_id=doc.id) for n in new]
            mentions.sort(key=lambda m: (m.start, m.end))
    return mentions
