"""The 设置 page's parts: own account, user management (admins), centre settings, interface."""
