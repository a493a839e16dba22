"""``python -m kg.cli`` is the ``kg`` command."""

from kg.cli import main

if __name__ == "__main__":
    main()
