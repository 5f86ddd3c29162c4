"""Test factories: plain functions that build the small data each test needs."""
