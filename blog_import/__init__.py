"""Importing a blog (WordPress, RSS, Atom, Ghost) as articles: `manage.py import_blog`."""
