"""Entry point for ``python -m dashboard``."""

from dashboard.cli import main

if __name__ == "__main__":
    main()
