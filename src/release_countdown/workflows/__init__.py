"""Workflows: what `import`, `refresh` and `notify` do, as plain functions.

Each takes typed values (paths, refs, lead days, ``today``, settings values) and returns
what happened as a dataclass; none prints, reads the clock or knows the command line. The
command modules under cli/commands/ are the wiring: options in, one call, the result in
words. cli/ imports this layer; it imports the domain (core, registry, writing, sources,
formats, delivery, settings) and nothing imports it but cli/.
"""
