"""The settings an existing site needs: link-patterns, link-ignore, extra-keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from pozo_site.check import ConfigError, load_config_file


def _load(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "pozo-site.toml"
    path.write_text(text, encoding="utf-8")
    return load_config_file(path)


def test_site_settings_are_read(tmp_path: Path) -> None:
    config = _load(
        tmp_path,
        'link-patterns = ["/posts/{slug}/"]\nlink-ignore = ["/glossary/*"]\n'
        'extra-keys = ["draft", "weight", "draft"]\n',
    )
    assert config.link_patterns == ("/posts/{slug}/",)
    assert config.link_ignore == ("/glossary/*",)
    assert config.extra_keys == ("draft", "weight")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('link-patterns = ["/posts/"]\n', "hold '{slug}' once"),
        ('link-patterns = ["posts/{slug}"]\n', "must start with '/'"),
        ('extra-keys = ["title"]\n', "'title' is a front matter key"),
        ("extra-keys = [1]\n", "must be a list of strings"),
    ],
)
def test_bad_site_settings_are_config_errors(tmp_path: Path, text: str, words: str) -> None:
    with pytest.raises(ConfigError, match=words.replace("{", r"\{").replace("}", r"\}")):
        _load(tmp_path, text)
