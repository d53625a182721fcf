"""The Streamlit layer: the cached connection, cached loaders and shared widgets.

The only package that imports streamlit. One module per page (its loaders and widgets) plus the
shared ones (``state``, ``sidebar``, ``tables``, ``downloads``). Heavy work stays in the core;
pages in ``pages/`` only arrange what this layer gives them.
"""
