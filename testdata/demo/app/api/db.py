"""Connection handling."""
import os

import psycopg

_conn = None


def get_conn():
    global _conn
    if _conn is None:
        _conn = psycopg.connect(os.environ["DATABASE_URL"])
    return _conn
