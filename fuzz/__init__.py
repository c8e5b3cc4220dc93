"""Coverage-guided fuzzing of the parsers (atheris): ``make fuzz``, docs/testing.md."""
