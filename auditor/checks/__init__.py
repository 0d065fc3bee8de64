"""Check kinds: small pure functions from resolved inputs to outcomes, registered by name.

`registry` holds the registry and the helpers every kind shares; each other module is one
family of kinds. Importing this package registers them all, in the explicit list below (a
new family module is added here).
"""

from auditor.checks import arithmetic, calendar, completeness, domain, legal, period  # noqa: F401
from auditor.checks.registry import MESSAGES, REGISTRY, CheckKind, Outcome

__all__ = ["MESSAGES", "REGISTRY", "CheckKind", "Outcome"]
