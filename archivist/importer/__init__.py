"""``python build.py import``: raw scraped pages to draft articles (drafts.py is the
I/O edge; extract.py and its helpers are pure)."""
