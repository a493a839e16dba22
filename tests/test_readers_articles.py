"""Plain text, Markdown and HTML articles; boilerplate stays out of the graph; paths, folders, globs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.readers import ReadError, iter_paths, read_documents, read_path
from kg.readers.boilerplate import clean_text
from kg.segment import split_sentences

PAGE = """<!DOCTYPE html><html><head><title>Riluzole and ALS | Example News</title>
<script>var tracking = {"user": 1};</script><style>body{color:red}</style></head>
<body><nav><a href="/">Home</a> <a href="/ms">MS news</a> <a href="/about">About us</a></nav>
<header><h1>Example News</h1><p>Subscribe to our newsletter for weekly updates on multiple sclerosis.</p></header>
<main><article><h1>Riluzole and ALS</h1>
<p>Riluzole slows disease progression in amyotrophic lateral sclerosis, according to a pooled analysis of
four randomised trials published this week in a neurology journal.</p>
<p>The drug lowers glutamate release from nerve terminals. Patients who took it lived a few months longer on
average than those given placebo, the authors reported after following more than a thousand participants.</p>
</article></main>
<aside><h3>Related</h3><ul><li><a href="/x">Natalizumab and PML risk in multiple sclerosis</a></li></ul></aside>
<footer>Copyright 2026 Example News. Privacy policy. Cookie settings.</footer></body></html>"""


def test_seed_boilerplate_is_removed(seeds_dir: Path):
    for doc in read_documents([seeds_dir]):
        assert "Read More" not in doc.text
        assert '"dimensions"' not in doc.text and "childrenOmitted" not in doc.text
        assert not doc.text.rstrip().endswith(("false", "standard-article"))
    teaser_only = {"progressive multifocal leukoencephalopathy", "COVID-19", "MOGAD"}
    labels = {n.concept.label for n in __import__("kg").build([str(seeds_dir)]).nodes()}
    assert not labels & teaser_only


def test_real_sentences_survive_cleaning(seeds_dir: Path):
    text = (seeds_dir / "004_ae16e07cfb181b79.txt").read_text()
    cleaned = clean_text(text)
    assert "when ALS is caused by mutations in the genes FUS, TARDBP, or C9ORF72" in cleaned
    assert "Tofersen" in cleaned


def test_html_reader_keeps_the_article_only(tmp_path: Path):
    page = tmp_path / "news.html"
    page.write_text(PAGE)
    (doc,) = read_path(page)
    assert doc.format == "html"
    assert "Riluzole slows disease progression" in doc.text
    assert "lowers glutamate release" in doc.text
    for junk in ("Subscribe", "Privacy policy", "About us", "tracking", "color:red"):
        assert junk not in doc.text
    assert doc.title.startswith("Riluzole and ALS")


def test_markdown_reader(tmp_path: Path):
    md = tmp_path / "note.md"
    md.write_text("# Tofersen approved\n\n**Tofersen** lowers [SOD1](https://example.org) protein.\n\n"
                  "```\ncode block\n```\n")
    (doc,) = read_path(md)
    assert doc.title == "Tofersen approved"
    assert "Tofersen lowers SOD1 protein." in doc.text
    assert "https://" not in doc.text and "code block" not in doc.text


def test_folders_globs_and_order(tmp_path: Path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Riluzole treats ALS.")
    (tmp_path / "a.txt").write_text("Edaravone treats ALS.")
    (tmp_path / ".hidden.txt").write_text("ignored")
    assert [p.name for p in iter_paths([tmp_path])] == ["a.txt", "two.txt"]
    assert [p.name for p in iter_paths([str(tmp_path / "**" / "*.txt")])] == ["a.txt", "two.txt"]
    with pytest.raises(ReadError, match="matches no file"):
        list(iter_paths([str(tmp_path / "*.pdf")]))


def test_wrong_encoding_and_binary_are_refused(tmp_path: Path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("na\xefve".encode("latin-1"))
    with pytest.raises(ReadError, match=r"bad\.txt: not UTF-8"):
        read_path(bad)
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes("Riluzole treats ALS.".encode("utf-16"))
    assert read_path(utf16)[0].text == "Riluzole treats ALS."


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400))
def test_sentences_are_ordered_slices_of_the_text(text: str):
    sentences = split_sentences("d", text)
    last = 0
    for s in sentences:
        assert text[s.start:s.end] == s.text
        assert s.start >= last and s.end > s.start
        assert s.text == s.text.strip()
        last = s.end


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["Riluzole treats ALS.", "Read More", "3/1/2026", "{", '"a": 1', "}",
                                 "SOD1 mutations cause ALS.", "", "false"]), max_size=12))
def test_cleaning_never_invents_text(lines: list[str]):
    text = "\n".join(lines)
    cleaned = clean_text(text)
    assert all(line in text for line in cleaned.splitlines())
