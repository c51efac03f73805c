"""disclosure-lint: a rules-based linter for SEC cybersecurity disclosures."""

__version__ = "0.1.0"
