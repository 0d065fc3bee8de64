"""Check kinds: small pure functions from resolved inputs to outcomes, registered by name.

`registry` holds the registry and the helpers every kind shares; each other module is one
family of kinds. `FAMILIES` below is the explicit list of the families and of the kinds each
registers (a new family or kind is added there; a test holds it to what the modules register).
A family is imported when a rule of the run needs one of its kinds (`kind`), so a run that
selects a few rules imports only their families; `load_all` imports every family.
"""

from __future__ import annotations

from importlib import import_module

from auditor.checks.registry import MESSAGES, REGISTRY, CheckKind, Outcome

FAMILIES: dict[str, tuple[str, ...]] = {
    "arithmetic": ("sum", "shares", "ratio", "difference", "product", "same_value", "implied_denominator", "implied_prior",
                   "count", "compare", "formula", "balance", "change", "change_of_parts", "input", "named_list", "ranking", "spelled", "payout"),
    "calendar": ("anniversary", "anniversary_dates", "stale_term", "ordinal_year", "period_span",
                 "registry_period", "school_year", "can_chi", "numbered_term", "weekday",
                 "date_exists", "span_order"),
    "completeness": ("blank_number", "blank_date", "signatory_name", "empty_indicator", "appendix_present",
                     "unit_name", "no_period"),
    "domain": ("award_tiers", "award_cap", "award_money", "range", "unit_percent_amounts", "unit_scale",
               "comma_slip", "budget_within_output"),
    "legal": ("legal_date", "legal_in_force", "legal_issued_before_report", "legal_known", "number_year_date",
              "same_number_dates",
              "two_tier_unit"),
    "period": ("heading_year", "period_outvoted", "plan_table_years", "column_years", "plan_text_years",
               "report_date_window", "dated_after_report", "data_as_of", "comparison_period", "final_figures_early", "review_date"),
}
_FAMILY_OF = {k: family for family, kinds in FAMILIES.items() for k in kinds}


def known(name: str) -> bool:
    """A check kind of a family, or one registered by other code (tests, plug-ins). A kind
    that a family registers but the list above lacks is found too, by importing every family
    (slower; the test of the list names it)."""
    return name in _FAMILY_OF or name in REGISTRY or name in load_all()


def kind(name: str) -> CheckKind:
    """The check kind `name`, its family imported first if it was not yet (KeyError when
    there is no such kind)."""
    found = REGISTRY.get(name)
    if found is None:
        family = _FAMILY_OF.get(name)
        if family is not None:
            import_module(f"{__name__}.{family}")
        return REGISTRY.get(name) or load_all()[name]
    return found


def load_all() -> dict[str, CheckKind]:
    """Every family imported: the whole registry."""
    for family in FAMILIES:
        import_module(f"{__name__}.{family}")
    return REGISTRY


def names() -> list[str]:
    """The names of all check kinds, sorted."""
    return sorted(set(_FAMILY_OF) | set(load_all()))


__all__ = ["FAMILIES", "MESSAGES", "REGISTRY", "CheckKind", "Outcome", "kind", "known", "load_all", "names"]
