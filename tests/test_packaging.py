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
