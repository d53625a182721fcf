"""The data-sufficiency check: whether the model's predictions may be shown at all.

Each condition that fails gives a :class:`Failure` naming what was found and what data would fix
it; the page and the command show these instead of any prediction.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Customers with a purchase in the calibration history, at the least.
MIN_CUSTOMERS = 200
#: Customers with a repeat purchase there (what the dropout and spend models learn from).
MIN_REPEATERS = 100
#: The history must span this many typical gaps between a customer's purchases.
MIN_GAPS = 3.0
#: The holdout's predicted purchases may be off the actual ones by at most this share.
MAX_HOLDOUT_ERROR = 0.25

#: The English text of each failure (the translation key is ``future.fail.<name>``).
MESSAGES = {
    "lines_elsewhere": (
        "The transaction lines live in the data lake (the Spark engine); this database keeps "
        "only customer-level results, so the model, which learns from every purchase day, "
        "cannot run here."
    ),
    "customers": (
        "Only {customers} customers bought before {calibration_end}; the model needs at least "
        "{needed}. Import a longer or fuller purchase history."
    ),
    "repeaters": (
        "Only {repeaters} customers bought again before {calibration_end}; the model needs at "
        "least {needed} repeat buyers to learn how customers come back and drop out. Import a "
        "longer history, or widen the countries, channels or categories."
    ),
    "history": (
        "The history before {calibration_end} spans {span_weeks} weeks, while customers buy "
        "about every {gap_weeks} weeks: the model needs at least {needed_weeks} weeks. Import "
        "older purchases, or shorten the holdout."
    ),
    "converged": (
        "The {model} model could not be fitted to this data (the optimiser did not converge to "
        "a unique answer). More customers with repeat purchases usually fix it."
    ),
    "holdout": (
        "Checked on the {weeks} weeks after {calibration_end}, the model expected {predicted} "
        "purchases and there were {actual}: off by {error}, more than the {allowed} allowed. "
        "The data may not follow the model (a change of business, seasonality, a campaign in "
        "the holdout): try another holdout length or a longer history."
    ),
    "holdout_empty": (
        "Nobody of the calibration customers bought in the {weeks} weeks after "
        "{calibration_end}, so the model cannot be checked. Import the latest purchases, or "
        "shorten the holdout."
    ),
}


@dataclass(frozen=True)
class Failure:
    """One condition that failed."""

    name: str
    values: dict = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"future.fail.{self.name}"

    @property
    def message(self) -> str:
        return MESSAGES[self.name].format(**{k: english(k, v) for k, v in self.values.items()})


#: Values that are shares (shown as percentages).
SHARES = ("error", "allowed")


def english(name: str, value) -> str:
    """A failure's value as the English message writes it."""
    if name in SHARES:
        return f"{abs(value):.0%}"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.1f}"


@dataclass(frozen=True)
class Check:
    """The verdict: ``ok`` when nothing failed."""

    failures: tuple[Failure, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.failures

    def as_dict(self) -> dict:
        return {
            "ok": self.ok,
            "failures": [
                {"condition": f.name, "message": f.message, "values": f.values}
                for f in self.failures
            ],
        }
