import tomllib
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def test_every_python_package_is_declared_for_installation():
    config = tomllib.loads((BASE_DIR / "pyproject.toml").read_text())["tool"]["setuptools"]
    declared = set(config["packages"])
    found = set()
    for import_name, folder in config["package-dir"].items():
        for init in (BASE_DIR / folder).rglob("__init__.py"):
            relative = init.parent.relative_to(BASE_DIR / folder)
            found.add(".".join([import_name, *relative.parts]))
    assert found - declared == set(), "add these packages to pyproject.toml"


def test_site_folder_is_not_imported_as_site():
    import site

    import canteen_site

    assert Path(canteen_site.__file__).parent == BASE_DIR / "site"
    assert Path(site.__file__).parent != BASE_DIR / "site"


def test_apps_hold_no_demo_nor_bench_code():
    """The demo content and the benchmark live in `demo/` and `bench/`; an app imports them only
    inside a management command's `handle`, never when the app loads."""
    import re

    module_level = re.compile(r"^(from|import) (demo|bench)\b", re.MULTILINE)
    lazy = re.compile(r"^\s+(from|import) (demo|bench)\b", re.MULTILINE)
    for folder in ("site", "courses", "projects", "toolbox"):
        for path in (BASE_DIR / folder).rglob("*.py"):
            text = path.read_text()
            assert not module_level.search(text), path
            if lazy.search(text):
                assert "management/commands" in path.as_posix(), path
        names = {path.stem for path in (BASE_DIR / folder).rglob("*.py")}
        assert not names & {"demo", "demo_content", "demo_files", "bench", "bench_pages"}, folder
