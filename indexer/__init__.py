"""Vietnamese administrative documents -> a Whoosh index, and search over it.

Never imports Flask; the web app (searchapp) calls in through ``search``,
``lookup`` and ``handle``.
"""
