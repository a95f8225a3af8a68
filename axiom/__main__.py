"""`python -m axiom`: the `axiom` command, for environments where the script is not on PATH."""

import sys

from axiom.cli import main

if __name__ == "__main__":  # not when a spawned child (training runs in one) re-imports this as __mp_main__
    sys.exit(main())
