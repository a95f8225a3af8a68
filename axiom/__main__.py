"""`python -m axiom`: the `axiom` command, for environments where the script is not on PATH."""

import sys

from axiom.cli import main

sys.exit(main())
