"""YAML to data plus positions."""

from cjmkit.loader.yaml import Document, LoadError, load_file, parse, parse_bytes, read_text

__all__ = ["Document", "LoadError", "load_file", "parse", "parse_bytes", "read_text"]
