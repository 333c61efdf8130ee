"""Entry point of the standalone bundle: the same as the ``planner`` command."""

import multiprocessing
import sys

if __name__ == "__main__":
    # The solver runs in a child process; a frozen app must let that child start.
    multiprocessing.freeze_support()
    from planner.cli import main

    sys.exit(main())
