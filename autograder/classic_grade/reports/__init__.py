"""Report formats: terminal text (rich), the JSON contract, Gradescope results.json, JUnit XML."""
from .gradescope import to_gradescope
from .json_report import to_json, to_dict
from .junit import to_junit
from .text import render_text

FORMATS = {"json": to_json, "gradescope": to_gradescope, "junit": to_junit}

__all__ = ["FORMATS", "render_text", "to_dict", "to_gradescope", "to_json", "to_junit"]
