"""tipwatch: open, evidence-based assessment and monitoring of government efforts against trafficking in persons."""

__version__ = "0.1.0"
