"""The command line: the only package that imports typer (and its click). See app.py."""
