"""CURIE <-> IRI conversion (with the ``curies`` library) and local IRIs.

OBO ontologies get their OBO PURLs; HGNC, DrugBank, Reactome, MeSH and NCBI Gene
get identifiers.org IRIs; everything else a bioregistry.io IRI.

>>> curie_to_iri("MONDO:0004976")
'http://purl.obolibrary.org/obo/MONDO_0004976'
>>> curie_to_iri("HGNC:1133")
'https://identifiers.org/hgnc:1133'
>>> iri_to_curie("https://identifiers.org/hgnc:1133")
'HGNC:1133'
>>> local_iri("Drug", "BTK inhibitor")
'https://w3id.org/als-kg/entity/Drug/btk-inhibitor'
"""

from __future__ import annotations

from functools import cache

from .model import slugify

__all__ = ["converter", "curie_to_iri", "iri_to_curie", "local_iri", "SCHEMA", "ENTITY", "BASE"]

BASE = "https://w3id.org/als-kg/"
SCHEMA = BASE + "schema#"
ENTITY = BASE + "entity/"

OBO = ("MONDO", "GO", "CL", "CHEBI", "NCBITaxon", "HP", "UBERON", "DOID", "SO", "OBI", "UPHENO", "BFO", "RO", "EFO", "CLO")
IDENTIFIERS_ORG = {"HGNC": "hgnc", "DRUGBANK": "drugbank", "REACTOME": "reactome", "MESH": "mesh", "NCBIGene": "ncbigene"}
BIOREGISTRY = {
    "ENSEMBL": "ensembl", "UniProtKB": "uniprot", "OMIM": "omim", "UMLS": "umls", "Orphanet": "orphanet",
    "cellosaurus": "cellosaurus", "MGI": "mgi", "pubchem.compound": "pubchem.compound", "CAS": "cas",
    "UNII": "unii", "chembl.compound": "chembl.compound", "SNOMEDCT_US": "snomedct", "NCIT": "ncit",
    "pubmed": "pubmed", "pmc": "pmc", "doi": "doi", "biolink": "biolink",
}


@cache
def converter():
    """The project's :class:`curies.Converter` (built on first use)."""
    import curies

    records = [curies.Record(prefix=p, uri_prefix=f"http://purl.obolibrary.org/obo/{p}_") for p in OBO]
    records += [curies.Record(prefix=p, uri_prefix=f"https://identifiers.org/{v}:") for p, v in IDENTIFIERS_ORG.items()]
    records += [curies.Record(prefix=p, uri_prefix=f"https://bioregistry.io/{v}:") for p, v in BIOREGISTRY.items()]
    return curies.Converter(records)


def curie_to_iri(curie: str) -> str | None:
    """IRI of a CURIE whose prefix the project knows, else None."""
    try:
        return converter().expand(curie)
    except (ValueError, KeyError):
        return None


def iri_to_curie(iri: str) -> str | None:
    try:
        return converter().compress(iri)
    except (ValueError, KeyError):
        return None


def local_iri(type_name: str, label: str) -> str:
    return f"{ENTITY}{type_name}/{slugify(label)}"
