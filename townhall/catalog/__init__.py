"""Service catalogue: definitions as data, the rule engine, answer checks."""
