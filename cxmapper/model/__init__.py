"""The document, its file format, its graph and its edit operations. Plain Python: no Qt."""
