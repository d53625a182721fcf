"""Tests of dashboard.identify: customer search, profiles, identification quality."""
