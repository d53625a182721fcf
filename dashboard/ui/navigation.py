"""The pages of the app in IDIC order: the one table the router and the tools read."""

from __future__ import annotations

#: (section, page file, title key, icon, url path); a section with no page is not shown.
PAGES = (
    ("nav.overview", "overview.py", "overview.title", ":material/dashboard:", "overview"),
    ("nav.identify", "customers.py", "customers.title", ":material/person_search:", "customers"),
    ("nav.differentiate", "pyramid.py", "pyramid.title", ":material/change_history:", "pyramid"),
    ("nav.differentiate", "clusters.py", "clusters.title", ":material/bubble_chart:", "clusters"),
    ("nav.differentiate", "future.py", "future.title", ":material/trending_up:", "future"),
    ("nav.interact", "feedback.py", "feedback.title", ":material/forum:", "feedback"),
    ("nav.interact", "loyalty.py", "loyalty.title", ":material/favorite:", "loyalty"),
    ("nav.customize", "campaigns.py", "campaigns.title", ":material/campaign:", "campaigns"),
    ("nav.data", "data.py", "data.title", ":material/database:", "data"),
)
#: The default page: Streamlit serves it at "/"; the router also answers its own path (/overview).
DEFAULT = "overview"


def url_paths() -> list[str]:
    """Every page's URL path, in navigation order."""
    return [page[-1] for page in PAGES]
