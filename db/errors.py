"""Errors of the database layer. app/ turns them into messages a person can act on."""


class DatabaseProblem(Exception):
    """Base class; `code` names the problem for the layer above."""

    code = "database"

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail)
        self.detail = detail


class Unreachable(DatabaseProblem):
    code = "unreachable"


class NotADatabase(DatabaseProblem):
    code = "not_a_database"


class NotWritable(DatabaseProblem):
    code = "not_writable"


class OnNetworkShare(DatabaseProblem):
    code = "network_share"


class NotIpaid(DatabaseProblem):
    code = "not_ipaid"


class SchemaTooNew(DatabaseProblem):
    code = "schema_too_new"


class SchemaTooOld(DatabaseProblem):
    code = "schema_too_old"


class NotInitialised(DatabaseProblem):
    code = "not_initialised"


class FolderMissing(DatabaseProblem):
    code = "folder_missing"
