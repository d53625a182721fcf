"""Editors of the Customer pyramid page: RFM segment rules and the cost model, saved to the database."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import i18n
from dashboard.errors import DashboardError
from dashboard.text_safety import markdown_text
from dashboard.ui import auth, state, tables
from dashboard.ui import pyramid as ui
from dashboard.value import cost_model, rfm
from dashboard.value.cost_model import CostModel

RATES = (
    "cost_per_order",
    "cost_per_return",
    "cost_per_contact",
    "cost_per_complaint",
    "marketing_per_customer",
)


def segment_name(name: str) -> str:
    """A segment's label: translated for the built-in names, as typed for the user's own."""
    key = f"pyramid.segment.{name}"
    return state.tr(key) if key in i18n.texts() else name


def segment_id(label: str) -> str:
    """The name a segment is saved under: a built-in one's own name for its label in this
    language («Чемпионы» → champions), else the name as typed."""
    prefix = "pyramid.segment."
    for key in i18n.texts():
        if key.startswith(prefix) and state.tr(key) == label:
            return key.removeprefix(prefix)
    return label


def _saved_notice(flag: str, key: str) -> None:
    if st.session_state.pop(flag, False):
        st.success(state.tr(key))


def rfm_section(view: ui.View) -> None:
    """RFM segments: customers per segment, and the rules, editable and saved."""
    st.subheader(state.tr("pyramid.rfm"))
    st.caption(state.tr("pyramid.rfm_caption"))
    _saved_notice("pyramid_rfm_saved", "pyramid.rfm_saved")
    summary = ui.rfm_segments(*ui.cache_key(), view.filters, view.model)
    if summary.empty:
        st.info(state.tr("pyramid.nobody"))
    else:
        summary["segment"] = summary.segment.map(segment_name)
        summary = summary[["segment", "customers", "share_customers", "revenue", "frequency"]]
        summary["share_customers"] = summary.share_customers * 100  # the bar's own text: 23%
        tables.show(
            summary,
            money=["revenue"],
            decimals={"frequency": 1},
            labels={c: state.tr(f"pyramid.col.{c}") for c in summary.columns},
            column_config={
                "share_customers": tables.progress_column(state.tr("pyramid.col.share_customers"))
            },
            hide_index=True,
            key="pyramid_rfm_table",
        )
    _segment_editor()


def _segment_editor() -> None:
    rules = pd.DataFrame([vars(s) for s in ui.saved_segments(*ui.cache_key())])
    rules["name"] = rules["name"].map(segment_name)  # «Чемпионы», not champions
    score = {"min_value": 1, "max_value": 5, "step": 1, "required": True}
    config = {"name": st.column_config.TextColumn(state.tr("pyramid.col.name"), required=True)}
    config |= {
        c: st.column_config.NumberColumn(state.tr(f"pyramid.col.{c}"), **score)
        for c in ("r_min", "r_max", "f_min", "f_max")
    }
    edited = st.data_editor(
        rules, column_config=config, num_rows="dynamic", hide_index=True, key="pyramid_rfm_rules"
    )
    clicked = st.button(state.tr("pyramid.rfm_save"), key="pyramid_rfm_save")
    if clicked and auth.check("settings"):
        try:
            rows = edited.dropna().astype({c: int for c in ("r_min", "r_max", "f_min", "f_max")})
            rows["name"] = rows["name"].map(segment_id)  # a built-in one keeps its own name
            rfm.save_segments(state.cursor(), rows.to_dict("records"))
        except DashboardError as e:
            st.error(markdown_text(e.localized(state.lang())))
            return
        st.session_state["pyramid_rfm_saved"] = True
        st.rerun()


def _margins_editor(model: CostModel) -> tuple:
    options = ui.filter_options(*ui.cache_key())["category"]
    margins = pd.DataFrame(
        [(c, m * 100) for c, m in model.category_margins], columns=["category", "margin"]
    ).astype({"category": "object", "margin": "float64"})
    edited = st.data_editor(
        margins,
        num_rows="dynamic",
        hide_index=True,
        key="pyramid_cm_margins",
        column_config={
            "category": st.column_config.SelectboxColumn(
                state.tr("pyramid.cm.category"), options=options, required=True
            ),
            "margin": st.column_config.NumberColumn(
                state.tr("pyramid.cm.margin"), min_value=-100, max_value=99, required=True
            ),
        },
    )
    return tuple(
        sorted((str(r.category), float(r.margin) / 100) for r in edited.dropna().itertuples())
    )


def cost_model_editor(model: CostModel) -> None:
    """The cost model in an expander: rates, margins, saved to the database for every page."""
    _saved_notice("pyramid_cm_saved", "pyramid.cm.saved")
    with st.expander(state.tr("pyramid.cost_model"), icon=":material/calculate:"):
        st.caption(state.tr("pyramid.cost_model_caption"))
        columns = st.columns(3)
        margin = columns[0].number_input(
            state.tr("pyramid.cm.default_margin"),
            -100.0,
            99.0,
            float(model.default_margin * 100),
            step=1.0,
            format="%g",
            key="pyramid_cm_default_margin",
        )
        rates = {
            name: columns[(i + 1) % 3].number_input(
                f"{state.tr(f'pyramid.cm.{name}')}, {state.currency()}",
                0.0,
                None,
                float(getattr(model, name)),
                step=1.0,
                format="%g",
                key=f"pyramid_cm_{name}",
            )
            for i, name in enumerate(RATES)
        }
        use_own = st.checkbox(
            state.tr("pyramid.cm.use_contact_cost"),
            model.use_contact_cost,
            key="pyramid_cm_use_contact_cost",
        )
        st.markdown(f"**{state.tr('pyramid.cm.category_margins')}**")
        margins = _margins_editor(model)
        if st.button(state.tr("pyramid.cm.save"), key="pyramid_cm_save", type="primary"):
            _save_model(
                dict(
                    rates,
                    default_margin=margin / 100,
                    use_contact_cost=use_own,
                    category_margins=margins,
                    free_contact_kinds=model.free_contact_kinds,
                )
            )


def _save_model(values: dict) -> None:
    if not auth.check("settings"):
        return
    try:
        cost_model.save_cost_model(state.cursor(), CostModel(**values))
    except DashboardError as e:
        st.error(markdown_text(e.localized(state.lang())))
        return
    st.session_state["pyramid_cm_saved"] = True
    st.rerun()
