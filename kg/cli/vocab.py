"""``kg vocab``: compile the shipped vocabulary ahead of time and describe it."""

from __future__ import annotations

import click

__all__ = ["vocab"]


@click.command()
@click.option("--lookup", "names", multiple=True, metavar="NAME",
              help="Show what a name would be recognised as (repeatable).")
def vocab(names: tuple[str, ...]) -> None:
    """Compile the vocabulary into the cache (once; later runs memory-map it) and report it.

    The cache folder is $ALS_KG_CACHE, else ~/.cache/als-kg. Run this once after
    installing, e.g. in a container build, so that the first `kg build` starts fast.
    """
    from ..lexicon import ensure_compiled, load_lexicon

    folder = ensure_compiled()
    lex = load_lexicon()
    sizes = {name: len(trie.keys()) for name, trie in lex.tries.items()}
    click.echo(f"vocabulary compiled in {folder}")
    click.echo("names: " + ", ".join(f"{n} {sizes[n]:,}" for n in sorted(sizes)))
    for name in names:
        hits = sorted({(lex.concept(e.index), e.rank) for e in lex.lookup(name)}, key=lambda x: (x[1], x[0].key))
        if not hits:
            click.echo(f"{name}: not in the vocabulary")
        for concept, rank in hits:
            click.echo(f"{name}: {concept.type} {concept.key} {concept.label!r} (name rank {rank})")
