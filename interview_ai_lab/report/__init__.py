"""The report: its schema, notices, scoring rules, answers sliced per question."""
