"""The literature readers on real-format fixtures: PubMed, PMC/JATS, BioC, PubTator, JSON Lines."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from kg.readers import read_path, reader_for
from kg.readers.annotations import read_annotated
from kg.readers.source import DocumentSource

FIX = Path(__file__).parent / "fixtures" / "ingest"


def by_id(docs):
    return {d.id: d for d in docs}


# -- PubMed ----------------------------------------------------------------------------

def test_pubmed_efetch_metadata_text_and_sections():
    docs = by_id(read_path(FIX / "pubmed_efetch.xml"))
    assert list(docs) == ["pubmed:36000001", "pubmed:36000002", "pubmed:36000003"]
    d = docs["pubmed:36000001"]
    assert d.format == "pubmed"
    assert d.iri == "https://bioregistry.io/pubmed:36000001"
    assert d.metadata == {"pmid": "36000001", "pmcid": "PMC9800001", "doi": "10.1186/s12974-023-00001-x",
                          "journal": "Journal of neuroinflammation", "year": "2023"}
    # inline markup flattened, entities decoded, one labelled abstract part per line
    assert d.title == "Tolebrutinib, a brain-penetrant BTK inhibitor, reduces microglial activation in SOD1G93A mice."
    lines = d.text.split("\n")
    assert lines[0] == d.title
    assert lines[2] == "METHODS: SOD1G93A mice received tolebrutinib (10 mg/kg) or vehicle from day 60 & were scored weekly."
    assert "(p<0.01)" in lines[3]
    assert [s.name for s in d.sections] == ["title", "background", "methods", "results", "conclusions"]
    for s in d.sections:
        assert d.text[s.start:s.end] in lines
    # the reference list's ids are not the article's
    assert "31111111" not in d.metadata.values()
    assert "Microglia in ALS" not in d.text


def test_pubmed_medline_date_and_title_only_article():
    docs = by_id(read_path(FIX / "pubmed_efetch.xml"))
    assert docs["pubmed:36000002"].metadata["year"] == "2021"
    assert docs["pubmed:36000002"].sections[1].name == "abstract"
    letter = docs["pubmed:36000003"]
    assert letter.text == "Letter: no abstract here." and letter.metadata["journal"] == "Frontiers in neurology"


def test_pubmed_baseline_gzip_books_and_deletions():
    path = FIX / "pubmed_baseline_slice.xml.gz"
    assert reader_for(path, path.read_bytes()[:4096]) == "pubmed"
    docs = by_id(read_path(path))
    assert list(docs) == ["pubmed:36000010", "pubmed:36000011", "pubmed:20301623"]  # DeleteCitation skipped
    assert docs["pubmed:36000010"].metadata["doi"] == "10.1093/brain/awz000"
    book = docs["pubmed:20301623"]
    assert book.title == "Amyotrophic Lateral Sclerosis Overview"
    assert "CLINICAL CHARACTERISTICS: ALS is characterized" in book.text
    assert book.sections[-1].name == "abstract"


def test_pubmed_gzip_found_by_content_whatever_the_name(tmp_path):
    odd = tmp_path / "download.bin"
    shutil.copy(FIX / "pubmed_baseline_slice.xml.gz", odd)
    assert [d.id for d in read_path(odd)][0] == "pubmed:36000010"


def test_pubmed_streams_large_files_without_a_whole_tree(tmp_path):
    """A baseline-sized file is read one article at a time (the tree behind the cursor is freed)."""
    from kg.readers import pubmed, xmlsafe

    article = (FIX / "pubmed_efetch.xml").read_text().split("<PubmedArticle>")[2].split("</PubmedArticle>")[0]
    n = 3000
    body = "".join(f"<PubmedArticle>{article.replace('36000002', str(40000000 + i))}</PubmedArticle>\n"
                   for i in range(n))
    path = tmp_path / "pubmed25n0001.xml.gz"
    path.write_bytes(gzip.compress(f"<?xml version='1.0'?>\n<PubmedArticleSet>\n{body}</PubmedArticleSet>\n".encode()))
    sizes = []
    real = xmlsafe.iter_elements

    def spy(*args, **kwargs):
        for el in real(*args, **kwargs):
            sizes.append(len(el.getparent()))  # siblings still attached to the root
            yield el

    pubmed.iter_elements = spy
    try:
        ids = [d.id for d in pubmed.read_pubmed(path)]
    finally:
        pubmed.iter_elements = real
    assert len(ids) == n and ids[-1] == f"pubmed:{40000000 + n - 1}"
    assert max(sizes) < 100  # a parser read-ahead, not the 3,000 articles


# -- PMC / JATS ------------------------------------------------------------------------

def test_jats_article_body_sections_tables_no_references():
    (d,) = read_path(FIX / "pmc_article.nxml")
    assert d.format == "jats" and d.id == "pubmed:36000020"
    assert d.metadata == {"pmid": "36000020", "pmcid": "PMC9900020", "doi": "10.3389/fimmu.2023.100020",
                          "journal": "Frontiers in Immunology", "year": "2023"}
    text = d.text
    assert text.startswith("Regulatory T cells slow disease progression in amyotrophic lateral sclerosis\n")
    assert "Low-dose interleukin-2 increased Treg numbers in patients with ALS." in text
    assert "Graphical abstract" not in text
    # citations removed cleanly
    assert "a fatal motor neuron disease. Microglia and T cells shape its course." in text
    # tables as text: caption, then one line per row
    assert "Table 1 Characteristics of the patients." in text
    assert "Group | n | Treatment" in text and "Placebo | 18 | saline" in text
    assert "Figure 1 Treg expansion. FOXP3 expression rose after treatment." in text
    assert "Tregs increased." in text.split("\n")
    # back matter left out
    assert "We thank the patients" not in text and "N Engl J Med" not in text
    names = [s.name for s in d.sections]
    assert names == ["title", "abstract", "intro", "methods", "results"]
    methods = next(s for s in d.sections if s.name == "methods")
    assert "Placebo | 18 | saline" in text[methods.start:methods.end]


def test_pmc_articleset_holds_several_articles():
    docs = read_path(FIX / "pmc_articleset.xml")
    assert [d.id for d in docs] == ["pmc:PMC9900030", "pubmed:36000031"]
    assert docs[0].iri == "https://bioregistry.io/pmc:PMC9900030"
    assert docs[0].metadata["doi"] == "10.3390/cells12000030"
    assert docs[0].text.endswith("TDP-43 pathology is found in most ALS cases.")
    assert "Ref text" not in docs[0].text
    assert docs[1].text == "Astrocytes in ALS\nReactive astrocytes are toxic to motor neurons."


# -- BioC ------------------------------------------------------------------------------

def test_bioc_xml_documents_and_given_annotations():
    path = FIX / "pubtator_export.bioc.xml"
    docs = read_path(path)
    assert [d.id for d in docs] == ["pubmed:36000040", "pubmed:36000041"]
    d = docs[0]
    assert d.format == "bioc" and d.metadata["doi"] == "10.1002/mus.00040" and d.metadata["year"] == "2023"
    assert d.title == "Riluzole and edaravone in SOD1 amyotrophic lateral sclerosis."
    assert "edaravone & riluzole" in d.text
    assert "Mora JS" not in docs[1].text  # reference passage left out
    pairs = list(read_annotated(path, "bioc"))
    doc, mentions = pairs[0]
    assert len(mentions) == 7
    for m in mentions:
        assert doc.text[m.start:m.end] == m.text
    got = {(m.text, m.concept.curie, m.concept.type) for m in mentions}
    assert ("SOD1", "NCBIGene:6647", "Gene") in got
    assert ("Riluzole", "MESH:D019782", "Drug") in got
    assert ("Patients", "NCBITaxon:9606", "ModelSystem") in got
    assert all(m.method == "given" and m.doc_id == doc.id for m in mentions)


def test_bioc_json_pmc_api_collection_list():
    (d,) = read_path(FIX / "pmc_bioc.json")
    assert d.id == "pubmed:36000050"
    assert d.metadata == {"pmid": "36000050", "pmcid": "PMC9900050", "doi": "10.1186/s13024-022-00050",
                          "journal": "Mol Neurodegener", "year": "2022"}
    assert d.text == "Microglial NLRP3 inflammasome in ALS\nNLRP3 is activated in microglia of ALS patients."
    assert [s.name for s in d.sections] == ["title", "introduction"]
    ((doc, mentions),) = read_annotated(FIX / "pmc_bioc.json", "bioc_json")
    assert [(doc.text[m.start:m.end], m.concept.curie) for m in mentions] == [("NLRP3", "NCBIGene:114548")]


def test_pubtator3_biocjson_export():
    path = FIX / "pubtator3.json"
    assert reader_for(path, path.read_bytes()[:4096]) == "bioc_json"
    ((doc, mentions),) = read_annotated(path, "bioc_json")
    assert doc.id == "pubmed:36000060" and doc.metadata["journal"] == "Ann Neurol"
    assert [(doc.text[m.start:m.end], m.concept.curie) for m in mentions] == [
        ("Ropinirole", "MESH:C047508"), ("ALS", "MESH:D000690")]


# -- PubTator --------------------------------------------------------------------------

def test_pubtator_biored_slice_text_and_offsets():
    path = FIX / "biored_slice.PubTator"
    docs = read_path(path)
    assert len(docs) == 6
    d = docs[0]
    assert d.id == "pubmed:10491763" and d.format == "pubtator" and d.metadata == {"pmid": "10491763"}
    assert d.title.startswith("Hepatocyte nuclear factor-6: associations")
    assert d.text.split("\n")[0] == d.title
    pairs = list(read_annotated(path, "pubtator"))
    assert [p[0].id for p in pairs] == [x.id for x in docs]
    total = 0
    for doc, mentions in pairs:
        for m in mentions:  # BioRED offsets count title + one character + abstract: still valid
            assert doc.text[m.start:m.end] == m.text, (doc.id, m)
        total += len(mentions)
    assert total > 100
    multi = [m for m in pairs[0][1] if m.text == "MODY" and m.start == 676]
    assert {m.concept.curie for m in multi} == {"NCBIGene:3172", "NCBIGene:3651", "NCBIGene:6927"}


def test_pubtator_gzip_and_bad_lines(tmp_path):
    gz = tmp_path / "corpus.gz"
    gz.write_bytes(gzip.compress((FIX / "biored_slice.PubTator").read_bytes()))
    assert len(read_path(gz)) == 6
    bad = tmp_path / "bad.PubTator"
    bad.write_text("123|t|Title\n123|a|Abstract.\nthis is not pubtator\n")
    with pytest.raises(Exception) as err:
        read_path(bad)
    assert str(err.value).startswith(f"{bad}: line 3: not a PubTator line")


# -- JSON Lines ------------------------------------------------------------------------

def test_jsonl_records():
    docs = read_path(FIX / "articles.jsonl")
    assert [d.id for d in docs] == ["news-1", "pubmed:36000070"]
    assert docs[0].iri == "" and docs[0].metadata == {"journal": "ALS News Today", "year": "2024"}
    assert docs[0].text == ("Masitinib trial begins\n"
                            "Masitinib, a tyrosine kinase inhibitor, is tested in patients with ALS.")
    assert docs[1].metadata["doi"] == "10.1056/NEJMoa0070"
    assert [s.name for s in docs[1].sections] == ["title", "abstract"]


def test_jsonl_malformed_line_names_file_and_line(tmp_path):
    p = tmp_path / "x.jsonl"
    p.write_text('{"id": "a", "text": "Fine."}\n{"id": "b", "text": \n')
    with pytest.raises(Exception) as err:
        read_path(p)
    assert str(err.value).startswith(f"{p}: line 2: malformed JSON")


def test_json_array_and_gzip(tmp_path):
    p = tmp_path / "records.json.gz"
    p.write_bytes(gzip.compress(b'[\n {"id": "a", "title": "A", "text": "One."},\n {"id": "b", "text": "Two."}\n]\n'))
    assert [d.text for d in read_path(p)] == ["A\nOne.", "Two."]


# -- the streaming source --------------------------------------------------------------

def test_source_streams_every_format_in_order_and_tracks_bytes():
    errors = []
    src = DocumentSource([FIX], on_error=errors.append)
    ids = [d.id for d, _ in src]
    assert errors == []
    assert len(ids) == 21 and len(set(ids)) == 21
    assert src.bytes_read == src.bytes_total == sum(p.stat().st_size for p in FIX.iterdir())
    formats = {d.format for d, _ in DocumentSource([FIX], on_error=errors.append)}
    assert formats == {"pubmed", "jats", "bioc", "pubtator", "jsonl"}
