"""Headline and caption run-ins: a page's headline or caption glued to the next sentence."""

from __future__ import annotations

from briefgen.extract.timeline.runin import lower_words, run_in, without_run_in

CORPUS = [
    "the court heard that relatives of the victims waited outside",
    "aid workers said the bottles were found in the house",
    "the minister said the president would visit the capital",
]
COMMON = lower_words(CORPUS)


def test_a_headline_glued_to_a_sentence_opener_is_cut_off() -> None:
    head, body = without_run_in(
        "Dr Vance denies any wrongdoing On 8 February, Dr Vance appeared in court and pleaded not guilty.", COMMON)
    assert head == "Dr Vance denies any wrongdoing"
    assert body.startswith("On 8 February")


def test_a_caption_glued_to_a_common_word_is_cut_off() -> None:
    head, body = without_run_in(
        "Relief flight reaches the stricken city Aid workers unloaded forty tonnes of food on Monday.", COMMON)
    assert head == "Relief flight reaches the stricken city"
    assert body.startswith("Aid workers unloaded")


def test_a_headline_whose_name_comes_again_is_cut_off() -> None:
    _, body = without_run_in("Anna Berg wins the vote Anna Berg has won the party's vote by a wide margin on Sunday.",
                             COMMON)
    assert body.startswith("Anna Berg has won")


def test_a_label_repeating_the_first_word_is_cut_off() -> None:
    head, body = without_run_in("Journalists Journalists trying to cover the unrest were detained on Monday.", COMMON)
    assert (head, body) == ("Journalists", "Journalists trying to cover the unrest were detained on Monday.")
    assert run_in("Police police the square every night, the mayor said on Monday.", COMMON) is None


def test_names_titles_and_plain_sentences_are_left_whole() -> None:
    for sentence in [
        "The World Health Organization said on Wednesday the world is at the brink of a pandemic.",
        "Valdorian leader Anton Strel called on Wednesday for the United Nations to investigate the attack.",
        "The country's former President Hosni Kader was taken to hospital on Monday after a fall.",
        "His lawyer said the doctor Conrad Vance had done nothing wrong on the day of the death.",
        "The ministry told Wirenews on Monday that the clinic had been searched by police.",
        "British prime minister Brown said on Monday that the talks would go on for a week.",
    ]:
        assert run_in(sentence, COMMON) is None, sentence


def test_a_word_the_corpus_capitalises_more_than_it_lowers_is_a_name() -> None:
    common = lower_words(["the plan of Brown works", "the talks with Brown ended", "a brown envelope arrived"])
    assert "brown" not in common
    assert "envelope" in common


def test_a_headline_and_its_standfirst_glued_to_the_lead_are_cut_off() -> None:
    head, body = without_run_in(
        "Doctor drops claim the singer took the drug himself Lawyers say the defence will call no new expert witness "
        "at the trial Relatives of the singer waited outside the court on Monday as the jury retired.", COMMON)
    assert body.startswith("Relatives of the singer waited"), head


def test_a_capitalised_word_after_a_possessive_or_a_quantifier_belongs_to_the_clause() -> None:
    for sentence in [
        "The envoy met the union's chairman and said both sides would meet the group's Aid Council later on Monday.",
        "Many families have left the capital since the war began, and many Aid agencies have closed their offices.",
        "The stadium wrote to its partners, including Court officials, offering free seats for the concert on Friday.",
    ]:
        assert run_in(sentence, COMMON) is None, sentence


def test_a_headline_ending_in_a_colon_is_cut_off_but_a_quotation_is_not() -> None:
    _, body = without_run_in("Strel on Valdoria: Change must come now NEW: President Strel spoke to the prime "
                             "minister on Monday about the protests.", COMMON)
    assert body.startswith("President Strel spoke")
    _, body = without_run_in("Mass protests planned for Friday as Strel holds on: Valdorian President Anton Strel "
                             "said on Thursday he would stay.", COMMON)
    assert body.startswith("Valdorian President Anton Strel said")
    assert run_in("The interior minister said: The army will not fire on protesters in the square on Friday.",
                  COMMON) is None


def test_a_headline_ending_in_a_capitalised_common_word_is_cut_before_an_opener() -> None:
    common = lower_words([*CORPUS, "the minister's travel was cut short", "travel to the capital resumed"])
    _, body = without_run_in("Foreign Minister Anna Berg Travel The visit to Strelsau on April 14–16 was a bold step "
                             "towards closer ties.", common)
    assert body.startswith("The visit to Strelsau")
    assert run_in("Foreign Minister Anna Berg Travel said on Monday that the visit was a bold step.", common) is None
