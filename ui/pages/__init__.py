"""The pages of the main window, one module each. Every page class is built as `Page(db, actor, parent)`."""
