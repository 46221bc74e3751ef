"""``python -m cxmapper``: the same as the ``cxmapper`` command."""

import sys

from cxmapper.cli import main

sys.exit(main())
