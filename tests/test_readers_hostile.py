"""Hostile and broken input: entity bombs, XXE, network DTDs, malformed XML, bad gzip, binaries.

Each must give one clear line naming the file, never expand, fetch or hang,
and leave the other files' documents alone.
"""

from __future__ import annotations

import gzip
import http.server
import shutil
import threading
import time
from pathlib import Path

import pytest

from kg.readers import ReadError, read_path
from kg.readers.source import DocumentSource

FIX = Path(__file__).parent / "fixtures" / "ingest"

ARTICLE = ("<PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>{title}</ArticleTitle>"
           "</Article></MedlineCitation></PubmedArticle>")

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE PubmedArticleSet [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<PubmedArticleSet>""" + ARTICLE.format(title="&lol9;") + "</PubmedArticleSet>\n"


def one_line_error(path: Path, **kwargs) -> str:
    with pytest.raises(ReadError) as info:
        read_path(path, **kwargs)
    msg = str(info.value)
    assert msg.startswith(f"{path}: ") and "\n" not in msg
    return msg


@pytest.mark.parametrize("root", ["pubmed", "bioc", "jats", "generic"])
def test_billion_laughs_is_refused_without_expansion(tmp_path, root):
    text = BILLION_LAUGHS
    if root == "bioc":
        text = text.replace("PubmedArticleSet", "collection").replace(
            ARTICLE.format(title="&lol9;"), "<document><id>1</id><passage><offset>0</offset><text>&lol9;</text>"
                                            "</passage></document>")
    elif root == "jats":
        text = text.replace("PubmedArticleSet", "pmc-articleset").replace(
            ARTICLE.format(title="&lol9;"), "<article><front><article-meta><title-group><article-title>&lol9;"
                                            "</article-title></title-group></article-meta></front></article>")
    elif root == "generic":
        text = text.replace("PubmedArticleSet", "notes")
    path = tmp_path / "lol.xml"
    path.write_text(text)
    t0 = time.perf_counter()
    msg = one_line_error(path)
    assert time.perf_counter() - t0 < 2
    assert "entity" in msg and ("expansion" in msg or "<notes>" in msg)


def test_nested_entities_are_refused_even_when_small(tmp_path):
    """libxml2 stops big amplification itself; the reader refuses any entity built from entities."""
    path = tmp_path / "small-lol.xml"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet [<!ENTITY a "ha"> <!ENTITY b "&a;&a;">]>\n'
                    f'<PubmedArticleSet>{ARTICLE.format(title="&b;")}</PubmedArticleSet>\n')
    assert "nested or oversized entity <!ENTITY b" in one_line_error(path)


def test_xxe_file_entity_is_refused_and_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    path = tmp_path / "xxe.xml"
    path.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE PubmedArticleSet [ <!ENTITY xxe SYSTEM "file://{secret}"> ]>
<PubmedArticleSet>{ARTICLE.format(title="Title &xxe;")}</PubmedArticleSet>
""")
    msg = one_line_error(path)
    assert "external entity" in msg and "TOP-SECRET" not in msg


def test_xxe_parameter_entity_is_refused(tmp_path):
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY leak "TOP-SECRET-CONTENT">')
    path = tmp_path / "pe.xml"
    path.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE collection [ <!ENTITY % remote SYSTEM "file://{dtd}"> %remote; ]>
<collection><document><id>7</id><passage><offset>0</offset><text>x &leak; y</text></passage></document></collection>
""")
    assert "external entity" in one_line_error(path)


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802
        self.hits.append(self.path)
        body = b'<!ENTITY leak "FETCHED">'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_no_network_access_for_external_dtds(tmp_path):
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/pubmed.dtd"
        path = tmp_path / "remote-dtd.xml"
        path.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet SYSTEM "{url}">\n'
                        f'<PubmedArticleSet>{ARTICLE.format(title="A &ndash; B &leak; C")}</PubmedArticleSet>\n')
        (doc,) = read_path(path)  # an external DTD is allowed, but never loaded
        assert doc.title == "A \u2013 B &leak; C"
        bad = tmp_path / "remote-entity.xml"
        bad.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet [<!ENTITY x SYSTEM "{url}">]>\n'
                       f'<PubmedArticleSet>{ARTICLE.format(title="&x;")}</PubmedArticleSet>\n')
        one_line_error(bad)
    finally:
        server.shutdown()
        server.server_close()
    assert _Recorder.hits == []


def test_plain_internal_entities_are_expanded_once(tmp_path):
    path = tmp_path / "ok.xml"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet [<!ENTITY nbsp "&#160;"> '
                    '<!ENTITY als "amyotrophic lateral sclerosis">]>\n'
                    f'<PubmedArticleSet>{ARTICLE.format(title="Riluzole&nbsp;in &als;.")}</PubmedArticleSet>\n')
    (doc,) = read_path(path)
    assert doc.title == "Riluzole in amyotrophic lateral sclerosis."


def test_malformed_and_truncated_xml(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text(f"<PubmedArticleSet>{ARTICLE.format(title='unclosed <i>tag')}</PubmedArticleSet>")
    assert "malformed XML" in one_line_error(path)
    src = (FIX / "pubmed_efetch.xml").read_bytes()
    cut = tmp_path / "cut.xml"
    cut.write_bytes(src[: len(src) // 2])
    assert "malformed XML" in one_line_error(cut)


def test_excessive_nesting_is_refused(tmp_path):
    path = tmp_path / "deep.xml"
    path.write_text("<collection><document><id>1</id><passage><text>" + "<a>" * 20000 + "x" + "</a>" * 20000
                    + "</text></passage></document></collection>")
    one_line_error(path)


def test_corrupt_gzip(tmp_path):
    data = (FIX / "pubmed_baseline_slice.xml.gz").read_bytes()
    path = tmp_path / "corrupt.xml.gz"
    path.write_bytes(data[:40] + bytes(len(data) - 40))
    one_line_error(path)


def test_gzip_bomb_is_bounded(tmp_path, monkeypatch):
    from kg.readers import compressed

    monkeypatch.setattr(compressed, "MIN_DECOMPRESSED", 1_000_000)
    path = tmp_path / "bomb.xml.gz"
    path.write_bytes(gzip.compress(b"<PubmedArticleSet>" + b" " * 20_000_000 + b"</PubmedArticleSet>"))
    assert "decompresses to more than" in one_line_error(path)


def test_binary_wrong_encoding_empty_and_huge(tmp_path):
    binary = tmp_path / "image.xml"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    one_line_error(binary)
    latin = tmp_path / "latin1.jsonl"
    latin.write_bytes('{"id": "x", "text": "caf\xe9"}\n'.encode("latin-1"))
    assert "not UTF-8" in one_line_error(latin)
    latin_pt = tmp_path / "latin1.PubTator"
    latin_pt.write_bytes("1|t|Caf\xe9\n1|a|Text.\n".encode("latin-1"))
    assert "not UTF-8" in one_line_error(latin_pt)
    empty = tmp_path / "empty.xml"
    empty.write_bytes(b"")
    assert "empty" in one_line_error(empty)
    big = tmp_path / "big.PubTator"
    shutil.copy(FIX / "biored_slice.PubTator", big)
    assert "limit" in one_line_error(big, max_bytes=1000)


def test_bad_files_do_not_stop_the_others(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(FIX / "pubmed_efetch.xml", folder / "a_good.xml")
    (folder / "b_lol.xml").write_text(BILLION_LAUGHS)
    (folder / "c_empty.jsonl").write_bytes(b"")
    shutil.copy(FIX / "articles.jsonl", folder / "d_good.jsonl")
    errors: list[ReadError] = []
    docs = [d for d, _ in DocumentSource([folder, tmp_path / "missing"], on_error=errors.append)]
    assert len(docs) == 5
    assert sorted(Path(e.path).name for e in errors) == ["b_lol.xml", "c_empty.jsonl", "missing"]
