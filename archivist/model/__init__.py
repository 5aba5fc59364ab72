"""The model: typed records, site.yaml, front matter checks, Vietnamese text, places
(the official register), and what a page may hold (fingerprints). Pure data and rules."""
