"""IPAid Desk application layer: services, rules, reports, sync and the CLI. No Qt here."""

__version__ = "0.1.0"
APP_NAME = "IPAid Desk"
APP_AUTHOR = "IPAid"
