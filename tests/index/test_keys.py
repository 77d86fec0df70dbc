from assistant.index.keys import key_id, split_key_id


def test_key_ids_name_their_chunk_and_key() -> None:
    assert split_key_id(key_id("3f9a0c", 0)) == ("3f9a0c", 0)
    assert split_key_id(key_id("3f9a0c", 12)) == ("3f9a0c", 12)
