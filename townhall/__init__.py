"""Townhall: an open-source digital public-services platform for city governments."""
