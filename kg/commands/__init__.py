"""Sub-commands of ``kg``: each module registers itself with ``add_parser(subparsers)``."""
