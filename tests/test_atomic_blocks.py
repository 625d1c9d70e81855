"""scripts/atomic_blocks.py: decorators moved into ``with transaction.atomic():`` (issue 19)."""

import importlib.util
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("atomic_blocks", ROOT / "scripts/atomic_blocks.py")
atomic_blocks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(atomic_blocks)


def _convert(source: str) -> tuple[str, list[str]]:
    return atomic_blocks.convert(textwrap.dedent(source))


def test_the_body_after_the_docstring_goes_into_the_block_with_its_comments():
    converted, refused = _convert(
        '''\
        from django.db import transaction


        @transaction.atomic  # one transaction for the order and its lines
        def order_create(*, order):
            """Create the order.

            Long docstring.
            """

            # Lock first.
            order.lock()
            if order.ok:  # the common case
                return 1

            return 2


        def untouched():
            return 3
        '''
    )

    assert refused == []
    assert converted == textwrap.dedent(
        '''\
        from django.db import transaction


        def order_create(*, order):
            """Create the order.

            Long docstring.
            """

            with transaction.atomic():  # one transaction for the order and its lines
                # Lock first.
                order.lock()
                if order.ok:  # the common case
                    return 1

                return 2


        def untouched():
            return 3
        '''
    )
    assert atomic_blocks.convert(converted) == (converted, [])  # idempotent


@pytest.mark.parametrize(
    ("imports", "decorator", "block"),
    [
        ("from django.db import transaction", "@transaction.atomic()", "transaction.atomic()"),
        (
            "from django.db import transaction",
            '@transaction.atomic(using="other", savepoint=False)',
            "transaction.atomic(using='other', savepoint=False)",
        ),
        ("from django.db.transaction import atomic", "@atomic", "atomic()"),
        ("from django.db.transaction import atomic as tx", "@tx()", "tx()"),
        ("from django.db import transaction as db_tx", "@db_tx.atomic", "db_tx.atomic()"),
        ("import django.db.transaction", "@django.db.transaction.atomic", None),
    ],
)
def test_every_spelling_of_the_decorator_is_found(imports, decorator, block):
    block = block or "django.db.transaction.atomic()"
    converted, _ = _convert(f"{imports}\n\n\n{decorator}\ndef f():\n    return 1\n")

    assert converted == f"{imports}\n\n\ndef f():\n    with {block}:\n        return 1\n"


def test_other_atomic_decorators_and_undecorated_code_are_left_alone():
    source = (
        "from myapp import atomic\nfrom django.db import transaction\n\n\n"
        "@atomic\ndef f():\n    return 1\n\n\n"
        "def g():\n    with transaction.atomic():\n        return 2\n"
    )

    assert atomic_blocks.convert(source) == (source, [])


def test_lines_inside_a_multiline_string_keep_their_text():
    converted, _ = _convert(
        '''\
        from django.db import transaction


        @transaction.atomic
        def f(name):
            text = """first
        second {name}
        """
            other = f"""a
        {name}
        b"""
            return text, other
        '''
    )

    namespace = {}
    exec(  # noqa: S102 - the converter's output, run to compare the strings' values
        converted.replace("from django.db import transaction", ""),
        namespace | {"transaction": type("T", (), {"atomic": staticmethod(lambda: _Null())})},
        namespace,
    )
    assert namespace["f"]("x") == ("first\nsecond {name}\n", "a\nx\nb")
    assert '    with transaction.atomic():\n        text = """first\nsecond' in converted


class _Null:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_nested_and_several_functions_are_all_converted():
    converted, refused = _convert(
        """\
        from django.db import transaction


        class Service:
            @transaction.atomic
            def outer(self):
                @transaction.atomic
                def inner():
                    return 1

                return inner()


        @transaction.atomic
        def last():
            \"\"\"Only a docstring.\"\"\"
        """
    )

    assert refused == []
    assert converted == textwrap.dedent(
        """\
        from django.db import transaction


        class Service:
            def outer(self):
                with transaction.atomic():
                    def inner():
                        with transaction.atomic():
                            return 1

                    return inner()


        def last():
            \"\"\"Only a docstring.\"\"\"
        """
    )


def test_what_cannot_be_converted_safely_is_refused_and_left_alone():
    source = textwrap.dedent(
        """\
        from django.db import transaction


        @transaction.atomic
        @other
        def outermost():
            return 1


        @transaction.atomic
        def generator():
            yield 1


        @transaction.atomic
        def one_line(): return 1
        """
    )

    converted, refused = atomic_blocks.convert(source, "x.py")

    assert converted == source
    assert refused == [
        "x.py:line 16: one_line(): statements share a line, convert it by hand",
        "x.py:line 11: generator(): a coroutine or generator, convert it by hand",
        "x.py:line 6: outermost(): decorators below transaction.atomic would leave the transaction",
    ]


def test_decorators_above_it_stay_where_they_are():
    converted, _ = _convert(
        """\
        from django.db import transaction


        @login_required
        @transaction.atomic
        def f():
            return 1
        """
    )

    assert converted == (
        "from django.db import transaction\n\n\n"
        "@login_required\ndef f():\n    with transaction.atomic():\n        return 1\n"
    )


def test_check_exits_non_zero_while_something_is_left(tmp_path, capsys):
    module = tmp_path / "services.py"
    module.write_text(
        "from django.db import transaction\n\n\n@transaction.atomic\ndef f():\n    return 1\n"
    )

    assert atomic_blocks.main(["--check", str(tmp_path)]) == 1
    assert "services.py: 1 function(s) decorated" in capsys.readouterr().out
    assert "@transaction.atomic" in module.read_text()  # --check changes nothing

    assert atomic_blocks.main([str(module)]) == 0
    assert atomic_blocks.main(["--check", str(tmp_path)]) == 0
    assert "with transaction.atomic():" in module.read_text()
