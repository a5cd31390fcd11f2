"""Accounts, login sessions and failures, the audit log, saved searches, folder policies.

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

PATH = 1024  # a document id is its path in the archive


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("clearance", sa.String(16)),
        sa.Column("groups", sa.Text, nullable=False, server_default=""),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("last_login_at", sa.DateTime),
    )
    op.create_table(
        "login_sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("last_seen_at", sa.DateTime, nullable=False),
        sa.Column("ended_at", sa.DateTime),
        sa.Column("address", sa.String(64), nullable=False, server_default=""),
        sa.Column("agent", sa.String(256), nullable=False, server_default=""),
    )
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("account", sa.String(128), nullable=False),
        sa.Column("address", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_index("login_failures_account", "login_failures", ["account", "at"])
    op.create_index("login_failures_address", "login_failures", ["address", "at"])
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False, index=True),
        sa.Column("actor", sa.String(128), nullable=False, server_default="", index=True),
        sa.Column("address", sa.String(64), nullable=False, server_default=""),
        sa.Column("action", sa.String(32), nullable=False, index=True),
        sa.Column("document", sa.String(PATH), index=True),
        sa.Column("detail", sa.Text, nullable=False, server_default="{}"),
    )
    # Append-only: no UPDATE or DELETE reaches the log, whatever code runs.
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS "
                   "$$ BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$")
        op.execute("CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events "
                   "FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()")
    else:
        for what in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER audit_events_no_{what.lower()} BEFORE {what} ON audit_events "
                       "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END")
    op.create_table(
        "saved_searches",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("query", sa.Text, nullable=False, server_default="{}"),
        sa.Column("feed_token", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("checked_at", sa.DateTime),
    )
    op.create_table(
        "saved_search_matches",
        sa.Column("saved_id", sa.Integer, sa.ForeignKey("saved_searches.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("document", sa.String(PATH), primary_key=True),
        sa.Column("first_seen_at", sa.DateTime, nullable=False),
        sa.Column("baseline", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "folder_policies",
        sa.Column("path", sa.String(PATH), primary_key=True),
        sa.Column("groups", sa.Text, nullable=False, server_default=""),
        sa.Column("problem", sa.Text, nullable=False, server_default=""),
        sa.Column("seen_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    for table in ("folder_policies", "saved_search_matches", "saved_searches", "audit_events", "login_failures",
                  "login_sessions", "users"):
        op.drop_table(table)
