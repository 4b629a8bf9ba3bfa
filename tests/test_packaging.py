"""A wheel built from the repository renders on its own: the templates ship inside it."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_a_wheel_installed_in_a_fresh_venv_builds_a_pdf_and_docx_outside_the_repo(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(wheels), str(ROOT)],
        check=True, cwd=tmp_path,
    )
    (wheel,) = wheels.glob("briefgen-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    # the dependencies come from the test environment; briefgen itself only from the wheel
    Path(site, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", site, str(wheel)],
        check=True,
    )
    work = tmp_path / "work"
    (work / "articles").mkdir(parents=True)
    (work / "articles" / "a.txt").write_text(
        "Talks resume\n\nThe two governments resumed trade talks in Geneva on 3 March 2025, "
        "the trade minister said.\n",
        encoding="utf-8",
    )
    (work / "brief.yaml").write_text(
        "title: Trade talks\nsources: [articles]\noutputs: {formats: [pdf, docx], directory: out}\n"
        "sections:\n  - {type: timeline, title: Timeline}\n  - {type: sources, title: Sources}\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    where = subprocess.run(
        [str(python), "-c", "import briefgen; print(briefgen.__file__)"],
        check=True, capture_output=True, text=True, cwd=work, env=env,
    ).stdout
    assert where.startswith(site), where  # not the repository's checkout
    run = subprocess.run(
        [str(python), "-m", "briefgen", "build", "--config", "brief.yaml"],
        capture_output=True, text=True, cwd=work, env=env,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert (work / "out" / "brief.pdf").stat().st_size > 1000
    assert (work / "out" / "brief.docx").stat().st_size > 1000
