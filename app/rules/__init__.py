"""Business rules that need neither a database nor a GUI: identifiers, working days."""
