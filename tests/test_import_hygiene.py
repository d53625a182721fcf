"""The core never imports Streamlit: only dashboard/ui/ may."""

import pkgutil
import subprocess
import sys

import dashboard

CHECK = """
import importlib, sys
names = sys.argv[1:]
for name in names:
    importlib.import_module(name)
    if "streamlit" in sys.modules:
        print(name)
        break
"""


def core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(dashboard.__path__, "dashboard."):
        if not info.name.startswith("dashboard.ui") and info.name != "dashboard.__main__":
            names.append(info.name)
    return names


def test_core_modules_do_not_import_streamlit():
    modules = core_modules()
    assert "dashboard.store.database" in modules and "dashboard.cli" in modules
    result = subprocess.run(
        [sys.executable, "-c", CHECK, *modules], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"{result.stdout.strip()} imports streamlit"


def test_ui_layer_is_where_streamlit_lives():
    result = subprocess.run(
        [sys.executable, "-c", CHECK, "dashboard.ui.state"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "dashboard.ui.state"
