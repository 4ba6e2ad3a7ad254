"""Translation glossaries loaded from text files."""
