"""Explanatory topic library (plain-language notes) and the rules that link trials to topics."""
