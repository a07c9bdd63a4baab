"""Problems the engine finds in a test, as Wagtail's validation errors for the fields they are about.

Wagtail shows a StreamField's errors from one nested error per field: StreamBlockValidationError and
ListBlockValidationError hold errors per child index, StructBlockValidationError per child name, and a
plain ValidationError at a field. Built like that, each message appears once, beside its field in the editor.
"""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from . import engine

MESSAGES = "__messages__"  # a node's own messages, beside the nodes of its children


def validation_errors(page, problems: list[engine.Problem]) -> dict[str, ValidationError]:
    """One error per field of `page` (a SelfTestPage) that has problems, for ValidationError(dict)."""
    tree: dict = {}
    for problem in problems:
        node = tree
        for key in _block_path(page, problem.path):
            node = node.setdefault(key, {})
        node.setdefault(MESSAGES, []).append(problem.message)
    errors = {}
    for field_name, node in tree.items():
        stream = getattr(page, field_name)
        if isinstance(stream, blocks.StreamValue):
            errors[field_name] = _nested_error(stream.stream_block, stream, node)
        else:
            errors[field_name] = ValidationError(node[MESSAGES])
    return errors


def _block_path(page, path: engine.Path) -> tuple:
    """The engine's path through the test's dict format, as a path through the page's block values."""
    field_name, *rest = path
    if field_name == "questions" and len(rest) > 1:
        child = page.questions[rest[0]]
        return (field_name, rest[0], *child.block.error_path(child.value, tuple(rest[1:])))
    return tuple(path)  # scales, rules and results name their fields as the engine does


def _nested_error(block, value, node: dict) -> ValidationError:
    messages = node.get(MESSAGES, [])
    children = {key: child for key, child in node.items() if key != MESSAGES}
    if isinstance(block, blocks.StreamBlock):
        errors = {
            index: _nested_error(value[index].block, value[index].value, child) for index, child in children.items()
        }
        return StreamBlockValidationError(block_errors=errors, non_block_errors=messages)
    if isinstance(block, blocks.ListBlock):
        errors = {index: _nested_error(block.child_block, value[index], child) for index, child in children.items()}
        return ListBlockValidationError(block_errors=errors, non_block_errors=messages)
    if isinstance(block, blocks.StructBlock):
        errors = {name: _nested_error(block.child_blocks[name], value[name], child) for name, child in children.items()}
        return StructBlockValidationError(block_errors=errors, non_block_errors=messages)
    return ValidationError(messages)
