"""core/redact.py: a URL's secrets are masked by where they stand, whatever the service."""

from __future__ import annotations

import pytest

from release_countdown.core.redact import redact_text, redact_url, secrets_of

# (URL, what may be shown, the secrets that must not be)
FORMS = [
    ("discord://4174216298/JHMHI8qBe7bk2ZwO5U711o3dV_js", "discord://4174216298/***",
     ["JHMHI8qBe7bk2ZwO5U711o3dV_js"]),
    ("tgram://123456789:AAHsecretTokenXYZ-abc_def/-100123/", "tgram://123456789:***/***/",
     ["AAHsecretTokenXYZ-abc_def", "-100123"]),
    ("slack://T1JJ3T3L2/A1BRTD4JD/TIiajkdnlazkcOXrIdevi7FQ", "slack://T1JJ3T3L2/***/***",
     ["A1BRTD4JD", "TIiajkdnlazkcOXrIdevi7FQ"]),
    ("json://hooks.example:8080/in?token=Zq9secret&mode=a", "json://hooks.example:8080/***?token=***&mode=***",
     ["Zq9secret"]),
    ("mailto://me:Pa55word@mail.example?to=you@example.org", "mailto://***@mail.example?to=***",
     ["Pa55word", "you@example.org"]),
    ("ntfys://me:s3cr3tpw@[::1]:99/topic#frag1", "ntfys://***@[::1]:99/***#***", ["s3cr3tpw", "frag1"]),
]  # fmt: skip


@pytest.mark.parametrize(("url", "shown", "secrets"), FORMS)
def test_each_url_form_keeps_scheme_and_host_only(url: str, shown: str, secrets: list[str]) -> None:
    assert redact_url(url) == shown
    for secret in secrets:
        assert secret in secrets_of(url)


@pytest.mark.parametrize("text", ["desktop", "stdout", "-", "notify-me --urgent", ""])
def test_a_text_that_is_no_url_is_kept(text: str) -> None:
    assert redact_url(text) == text
    assert redact_text(text) == text


def test_urls_inside_a_text_and_echoed_secrets_are_masked() -> None:
    url = "discord://4174216298/JHMHI8qBe7bk2ZwO5U711o3dV_js"
    said = (
        "POST https://discord.com/api/webhooks/4174216298/JHMHI8qBe7bk2ZwO5U711o3dV_js failed; "
        "token JHMHI8qBe7bk2ZwO5U711o3dV_js refused"
    )
    masked = redact_text(said, [url])
    assert "JHMHI8q" not in masked
    assert masked.startswith("POST https://discord.com/***/***/***/*** failed; token *** refused")


def test_a_secret_is_masked_decoded_and_encoded_too() -> None:
    assert redact_text("auth failed for p@ss:word", ["mailto://me:p%40ss%3Aword@host"]) == (
        "auth failed for ***"
    )
    assert redact_text("GET /s%2Fcr%2Ft", ["json://host/x?key=s/cr/t"]) == "GET /***"


def test_punctuation_after_a_url_is_the_text_s() -> None:
    text = "refused (see http://h/a?token=SECRET&x=1); retry."
    assert redact_text(text) == "refused (see http://h/***?token=***&x=***); retry."
