"""Importers that turn external sources into ingestable documents."""
