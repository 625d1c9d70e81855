"""Superseded by scripts/french_typography.py, which writes the whole French catalogue (the
French plural rule and the no-break spaces of French typography). Kept so that the old command
still works:

    .venv/bin/python scripts/french_plurals.py
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from french_typography import ENGLISH, FRENCH, french_catalogue, main  # noqa: E402

__all__ = ["ENGLISH", "FRENCH", "french_catalogue", "main"]

if __name__ == "__main__":
    sys.exit(main())
