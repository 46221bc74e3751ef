"""CX Mapper: customer-journey maps and service blueprints, in files you own."""

__version__ = "0.1.0"
