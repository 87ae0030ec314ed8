import os

import pytest

ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))

postgres_only = pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL through DATABASE_URL")
