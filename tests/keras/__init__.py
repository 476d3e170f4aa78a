"""Tests of teachtensor.keras (a package, so that test_errors.py here and in tests/ can coexist)."""
