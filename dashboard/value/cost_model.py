"""The cost model: how product cost and the cost to serve each customer are estimated."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

import duckdb

from dashboard.errors import AnalysisError
from dashboard.store import database

SETTING_KEY = "cost_model"


@dataclass(frozen=True)
class CostModel:
    """Money a customer costs besides the goods, and the margin used when a line has no cost.

    Frozen and made of plain values so that cached loaders can take it as an argument.

    Attributes
    ----------
    default_margin : float
        Gross margin (0.4 = 40%) used for a transaction line whose ``cost`` is empty.
    category_margins : tuple of (str, float)
        Margins per category that override ``default_margin``.
    cost_per_order, cost_per_return, cost_per_contact, cost_per_complaint : float
        Handling cost of each order, each return, each service contact and each complaint.
    use_contact_cost : bool
        Use a contact's own ``interactions.cost`` when it is known (else ``cost_per_contact``).
    marketing_per_customer : float
        Marketing spent on each customer who bought in the period.
    free_contact_kinds : tuple of str
        Interaction kinds that are not service contacts (a referral costs nothing to serve).
    """

    default_margin: float = 0.40
    category_margins: tuple[tuple[str, float], ...] = field(default_factory=tuple)
    cost_per_order: float = 5.0
    cost_per_return: float = 12.0
    cost_per_contact: float = 8.0
    use_contact_cost: bool = True
    cost_per_complaint: float = 30.0
    marketing_per_customer: float = 10.0
    free_contact_kinds: tuple[str, ...] = ("referral", "review")

    def __post_init__(self):
        margins = [self.default_margin, *(m for _, m in self.category_margins)]
        if any(not -1.0 <= float(m) < 1.0 for m in margins):
            raise AnalysisError(
                "A margin must be between -100% and 99%: enter it as a share of the price, "
                "e.g. 0.4 for 40%.",
                key="errors.margin_range",
            )
        money = (
            self.cost_per_order,
            self.cost_per_return,
            self.cost_per_contact,
            self.cost_per_complaint,
            self.marketing_per_customer,
        )
        if any(float(m) < 0 for m in money):
            raise AnalysisError(
                "Costs per order, return, contact, complaint and customer "
                "cannot be negative: enter 0 to leave one out.",
                key="errors.negative_costs",
            )

    def to_dict(self) -> dict:
        """The model as plain JSON-ready values."""
        data = asdict(self)
        data["category_margins"] = {c: m for c, m in self.category_margins}
        data["free_contact_kinds"] = list(self.free_contact_kinds)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> CostModel:
        """Build a model from :meth:`to_dict` output; unknown keys are ignored, missing ones default.

        Parameters
        ----------
        data : dict
            Saved values, e.g. from the settings table.
        """
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in (data or {}).items() if k in known}
        margins = values.get("category_margins") or {}
        if isinstance(margins, dict):
            margins = margins.items()
        values["category_margins"] = tuple(sorted((str(c), float(m)) for c, m in margins))
        if "free_contact_kinds" in values:
            values["free_contact_kinds"] = tuple(str(k) for k in values["free_contact_kinds"])
        for name in (
            "default_margin",
            "cost_per_order",
            "cost_per_return",
            "cost_per_contact",
            "cost_per_complaint",
            "marketing_per_customer",
        ):
            if name in values:
                values[name] = float(values[name])
        if "use_contact_cost" in values:
            values["use_contact_cost"] = bool(values["use_contact_cost"])
        return cls(**values)

    def margin_sql(self, column: str) -> tuple[str, list]:
        """The margin of a line as a SQL expression on its category column, with params."""
        if not self.category_margins:
            return "?", [self.default_margin]
        whens = " ".join("WHEN ? THEN ?" for _ in self.category_margins)
        params: list = []
        for category, margin in self.category_margins:
            params += [category, margin]
        return f"(CASE {column} {whens} ELSE ? END)", [*params, self.default_margin]


def load_cost_model(conn: duckdb.DuckDBPyConnection) -> CostModel:
    """The saved cost model, or the defaults when none was saved.

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database.
    """
    return CostModel.from_dict(database.get_setting(conn, SETTING_KEY, {}))


def save_cost_model(conn: duckdb.DuckDBPyConnection, model: CostModel) -> None:
    """Save the cost model (this bumps the data version, so cached results refresh).

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database.
    model : CostModel
        The model to save.
    """
    database.put_setting(conn, SETTING_KEY, model.to_dict())
