"""Ships the repository's ``templates/`` inside the package as ``briefgen/templates``.

Everything else is in pyproject.toml.  ``templates/`` stays at the top of the
repository as the editable source; a built wheel carries a copy, which
``briefgen.render.env.default_templates_dir`` finds through ``importlib.resources``.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithTemplates(build_py):
    def run(self) -> None:
        super().run()
        src = Path(__file__).resolve().parent / "templates"
        dst = Path(self.build_lib) / "briefgen" / "templates"
        for path in sorted(src.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                target = dst / path.relative_to(src)
                target.parent.mkdir(parents=True, exist_ok=True)
                self.copy_file(str(path), str(target))


setup(cmdclass={"build_py": BuildWithTemplates})
