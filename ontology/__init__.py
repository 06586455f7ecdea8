"""kg's ontology as the package ``kg.ontology``: ``kg.ttl``, ``shapes.ttl`` and the shipped ``queries/*.rq``.

``pyproject.toml`` maps this folder into the package, so that a wheel carries
it and an editable install reads it here; ``kg/resources.py`` finds it.
"""
