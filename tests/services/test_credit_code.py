import pytest

from zhaoshang.services.credit_code import check_character, validate_credit_code

# The worked example of GB 32100-2015 and codes published by well-known companies.
VALID = ["91350100M000100Y43", "91440300708461136T", "914403001922038216", "91330100799655058B"]


def make_valid(prefix17: str) -> str:
    return prefix17 + check_character(prefix17)


@pytest.mark.parametrize("code", VALID)
def test_published_codes_pass_the_check_character(code):
    assert validate_credit_code(code) is None


def test_lowercase_and_spaces_are_normalised():
    assert validate_credit_code(" " + VALID[0].lower() + " ") is None


@pytest.mark.parametrize("code", VALID)
def test_any_single_character_change_is_caught(code):
    for i in range(17):
        for repl in "0A":
            if code[i] == repl:
                continue
            bad = code[:i] + repl + code[i + 1 :]
            assert validate_credit_code(bad) is not None, bad


@pytest.mark.parametrize(
    "code,reason",
    [("", "18位"), ("9111000010000058", "18位"), ("91110000100000589I", "字符"), ("9111000010000058IB", "字符")],
)
def test_malformed_codes_get_a_reason(code, reason):
    assert reason in validate_credit_code(code)


def test_generated_codes_roundtrip():
    assert validate_credit_code(make_valid("91110108MA01ABCD1")) is None
