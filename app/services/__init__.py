"""One module per capability. Every public function takes the database and the acting user."""
