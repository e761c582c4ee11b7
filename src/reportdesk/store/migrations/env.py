"""Alembic environment: migrations run at start-up on the connection the store hands over."""

from alembic import context

from reportdesk.store.models import Base

target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = context.config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite: ALTER via copy-and-move
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
