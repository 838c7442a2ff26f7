"""Accounts, roles and API tokens (issue 6): who may see and change what.

Roles: ``viewer`` (public statistics only, under disclosure control), ``analyst`` (all statistics, no
personal records), ``case_officer`` (registry records), ``administrator`` (users). Passwords are hashed
with argon2; API tokens and session ids are stored only as SHA-256 hashes.
"""

from tipwatch.accounts.roles import Permission, Role, permissions_of
from tipwatch.accounts.users import Account

__all__ = ["Account", "Permission", "Role", "permissions_of"]
