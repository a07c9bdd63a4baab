from rugwijs.core.text import reading_minutes, stream_text, word_count


def test_reading_time_is_at_least_a_minute_and_rounds_up():
    assert reading_minutes(0) == 1
    assert reading_minutes(200) == 1
    assert reading_minutes(201) == 2


def test_stream_text_reads_words_but_not_settings_or_ids():
    raw = [
        {
            "type": "section",
            "id": "abc",
            "value": {
                "heading": "Kop",
                "anchor": "kop-anker",
                "content": [
                    {"type": "paragraph", "id": "x", "value": "<p>Een <b>vette</b> zin.</p>"},
                    {"type": "callout", "id": "y", "value": {"variant": "let-op", "title": "Let", "text": "<p>op</p>"}},
                ],
            },
        }
    ]
    text = stream_text(raw)
    assert word_count(text) == 6
    assert "kop-anker" not in text and "let-op" not in text and "abc" not in text
