"""From resolved pages to RDF: IRI minting (iris.py), triples (triples.py), loading graphs (store.py)."""
