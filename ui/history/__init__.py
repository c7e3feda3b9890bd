"""History views: who changed what, when (over app.services.history)."""
