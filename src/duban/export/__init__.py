"""Present results as files: JSON, CSV, xlsx, Markdown and DOCX tables."""
