import pytest

from nlp.quotes import quote_spans


def _texts(text):
    return [text[s:e] for s, e in quote_spans(text)]


@pytest.mark.parametrize("text,quotes", [
    ("“We will act,” he said. “The traffickers will be caught.”", ["We will act,", "The traffickers will be caught."]),
    ('"We will act," he said.', ["We will act,"]),
    ("He said: “First part.\n\n“Second part.”\n\nNext paragraph.", ["First part.\n\n“Second part."]),
])
def test_quotes_pair_marks(text, quotes):
    assert _texts(text) == quotes


def test_quotes_unbalanced_mark_keeps_later_quotes():
    text = "“This one never closes, he said.\n\nLater, the minister said: “We are ready.”"
    assert _texts(text) == ["We are ready."]
