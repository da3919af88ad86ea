"""``python -m gcm_kg``: the ``gcm-kg`` command line."""

from .cli import main

main()
