"""kg's bundled data as the package ``kg.data``: ``lexicon/*.txt`` and the sample ``reports/*.txt``.

``pyproject.toml`` maps this folder into the package, so that a wheel carries
it and an editable install reads it here; ``kg/resources.py`` finds it.
"""
