"""French typography puts no-break spaces (U+202F before « : ; ! ? » and inside « », U+00A0 in
amounts) where a test written with plain spaces expects a space: `plain` folds them back, for
the assertions that are not about typography (tests/test_translations.py checks the rule)."""

NO_BREAK_SPACES = str.maketrans({"\u202f": " ", "\u00a0": " "})


def plain(value):
    """`value` with every no-break space (and `&nbsp;`) a plain space: a string, or the strings
    in a list, tuple or dict (error messages, JSON bodies)."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(plain(item) for item in value)
    if isinstance(value, str):
        return value.replace("&nbsp;", " ").translate(NO_BREAK_SPACES)
    return value
