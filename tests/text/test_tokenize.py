from assistant.text.tokenize import Tokenizer


def test_congress_terms_and_search_mode_subwords() -> None:
    tokens = Tokenizer().tokens("乡镇人大主席团可以提出罢免案")
    assert "主席团" in tokens
    assert "罢免案" in tokens
    assert "罢免" in tokens  # search mode also yields the shorter word


def test_stopwords_and_punctuation_are_dropped() -> None:
    tokens = Tokenizer().tokens("请问，代表的权利是什么？")
    assert "的" not in tokens and "什么" not in tokens and "，" not in tokens
    assert "权利" in tokens


def test_character_bigrams_bridge_different_segmentations() -> None:
    tokens = Tokenizer().tokens("五簿一档")
    assert "_五簿" in tokens and "_一档" in tokens


def test_fingerprint_is_stable() -> None:
    assert Tokenizer().fingerprint == Tokenizer().fingerprint


def test_proper_names() -> None:
    assert "山东省" in Tokenizer().proper_names("山东省对乡镇人大有啥规定")
