#!/usr/bin/env bash
# The README's framework recipes ("Django, Alembic and Rails"), run as
# written against a tiny project of each framework:
#   bash tests/recipes.sh django|alembic|rails PGPREFLIGHT_BINARY PORT
# The recipe's commands are read from README.md, not copied here, so the
# README cannot drift from what is tested. Each project has two migrations:
# the first creates orders(customer_id), the second renames customer_id to
# client_id; the recipe must print the second one's SQL and pgpreflight must
# report renaming-column with the code reference, exit status 1.
# The frameworks come from Debian 12's packages (python3-django,
# python3-alembic, python3-psycopg2, ruby-activerecord, ruby-pg; installed
# by tests/deps.sh). They need a database: a throwaway PostgreSQL on PORT
# (tests/live/pgtmp.sh), which the frameworks write to (their migration
# bookkeeping) and pgpreflight never connects to (--no-db is not needed:
# no database is configured in the environment).
set -u
mode=$1
root=$(cd "$(dirname "$0")/.." && pwd -P)
bin=$(cd "$(dirname "$2")" && pwd -P)/$(basename "$2")
port=$3
tmp=$(mktemp -d /tmp/pfrecipe.XXXXXX)
chmod 755 "$tmp" # the server runs as postgres when we are root
cleanup() {
  sh "$root/tests/live/pgtmp.sh" stop "$tmp/pg" >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT
# Debian's interpreters and tools first (a pyenv or rbenv shim on a
# developer's machine lacks the Debian packages).
export PATH=$(dirname "$bin"):/usr/bin:/bin:$PATH
export HOME=$tmp LC_ALL=C.UTF-8 NO_COLOR=1 TMPDIR=$tmp
unset PGHOST PGHOSTADDR PGPORT PGDATABASE PGSERVICE PGPREFLIGHT_DATABASE_URL
unset PYTHONPATH PYTHONHOME RUBYOPT GEM_HOME GEM_PATH DATABASE_URL
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# The README's "Django, Alembic and Rails" section, from its heading to the
# next heading.
section=$(awk '/^#### Django, Alembic and Rails/{on=1; next}
               on && /^##/{exit} on' "$root/README.md")
[ -n "$section" ] || { echo "FAIL: no Django, Alembic and Rails section in README.md"; exit 1; }
# The frameworks must be there: a missing one fails (bash tests/deps.sh).
case $mode in
django) need=(python3 -c "import django, psycopg2") ;;
alembic) need=(alembic --version) ;;
rails) need=(ruby -e 'require "active_record"; require "pg"') ;;
*) need=(true) ;;
esac
"${need[@]}" >/dev/null 2>&1 ||
  { echo "FAIL: $mode is not installed (bash tests/deps.sh installs it)"; exit 1; }
# recipe N [COMMENT]: the lines of the section's Nth sh block; with
# COMMENT, only those after the line starting with "# COMMENT", up to the
# next blank line.
recipe() {
  awk -v n="$1" '/^```/ { if (inb) inb = 0; else { blk++; inb = 1 }; next }
                 inb && blk == n' <<<"$section" |
    awk -v want="${2:+# $2}" 'want == "" { print; next }
      index($0, want) == 1 { on = 1; next } on && /^$/ { exit } on'
}

dsn=$(sh "$root/tests/live/pgtmp.sh" start "$tmp/pg" "$port") || {
  echo "FAIL: no throwaway PostgreSQL on port $port"
  exit 1
}
sock=$tmp/pg/sock
pguser=$(sed -n 's/.*user=\([^ ]*\).*/\1/p' <<<"$dsn")
psql_() { psql -X -q -v ON_ERROR_STOP=1 "$dsn" "$@"; }
psql_ -c "CREATE DATABASE recipe" || exit 1

# check_report FILE STATUS: the report names the rename and its code
# reference, and the exit status is 1.
check_report() {
  [ "$2" = 1 ] || fail "the recipe exited with $2, expected 1 (findings)"
  grep -q 'renaming column "[a-z_]*"."customer_id" to "client_id".*\[renaming-column\]' "$1" ||
    fail "no renaming-column finding in the report"
  grep -q 'customer_id' "$1" && grep -qE '(reports|billing)\.(py|rb):[0-9]+' "$1" ||
    fail "the report does not list the code that still uses customer_id"
}

case $mode in
django)
  # A project with one app, orders, whose migrations 0041 and 0042 are the
  # README's example numbers.
  proj=$tmp/django
  mkdir -p "$proj/shop" "$proj/orders/migrations"
  cd "$proj" || exit 1
  cat >manage.py <<'EOF'
import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")
from django.core.management import execute_from_command_line
execute_from_command_line(sys.argv)
EOF
  touch shop/__init__.py orders/__init__.py orders/migrations/__init__.py
  cat >shop/settings.py <<EOF
SECRET_KEY = "recipe-test"
INSTALLED_APPS = ["orders"]
DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql",
    "NAME": "recipe", "USER": "$pguser",
    "HOST": "$sock", "PORT": "$port"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
EOF
  cat >orders/models.py <<'EOF'
from django.db import models

class Order(models.Model):
    client_id = models.BigIntegerField()
EOF
  cat >orders/migrations/0041_orders.py <<'EOF'
from django.db import migrations, models

class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Order",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("customer_id", models.BigIntegerField()),
            ],
        ),
    ]
EOF
  cat >orders/migrations/0042_rename_customer.py <<'EOF'
from django.db import migrations

class Migration(migrations.Migration):
    dependencies = [("orders", "0041_orders")]
    operations = [
        migrations.RenameField(model_name="order", old_name="customer_id",
                               new_name="client_id"),
    ]
EOF
  # Code nobody updated: raw SQL on the old column.
  cat >orders/reports.py <<'EOF'
from django.db import connection

def totals():
    with connection.cursor() as cur:
        cur.execute("SELECT customer_id, count(*) FROM orders_order GROUP BY customer_id")
        return cur.fetchall()
EOF
  # The database holds 0041, as before a deploy.
  python3 manage.py migrate -v 0 orders 0041 || fail "manage.py migrate orders 0041"
  script=$(recipe 1 Django)
  ;;
alembic)
  proj=$tmp/alembic
  mkdir -p "$proj/app"
  cd "$proj" || exit 1
  # Alembic's own template: alembic.ini and an env.py with offline mode.
  alembic init alembic >/dev/null || { fail "alembic init"; exit 1; }
  url="postgresql://$pguser@/recipe?host=$sock\&port=$port"
  sed -i "s|^sqlalchemy.url = .*|sqlalchemy.url = $url|" alembic.ini
  cat >alembic/versions/a1_orders.py <<'EOF'
"""orders"""
from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None

def upgrade():
    op.create_table("orders",
                    sa.Column("id", sa.BigInteger, primary_key=True),
                    sa.Column("customer_id", sa.BigInteger, nullable=False))

def downgrade():
    op.drop_table("orders")
EOF
  cat >alembic/versions/b2_rename_customer.py <<'EOF'
"""rename customer_id"""
from alembic import op

revision = "b2"
down_revision = "a1"

def upgrade():
    op.alter_column("orders", "customer_id", new_column_name="client_id")

def downgrade():
    op.alter_column("orders", "client_id", new_column_name="customer_id")
EOF
  cat >app/reports.py <<'EOF'
from sqlalchemy import text

def totals(conn):
    return conn.execute(text("SELECT customer_id, count(*) FROM orders GROUP BY customer_id")).all()
EOF
  # The database holds a1, as before a deploy.
  alembic upgrade a1 2>/dev/null || fail "alembic upgrade a1"
  script=$(recipe 1 Alembic)
  ;;
rails)
  proj=$tmp/rails
  mkdir -p "$proj/db/migrate" "$proj/app/models" "$proj/tmp"
  cd "$proj" || exit 1
  cat >db/migrate/20240101000001_create_orders.rb <<'EOF'
class CreateOrders < ActiveRecord::Migration[6.1]
  def change
    create_table :orders do |t|
      t.bigint :customer_id, null: false
    end
  end
end
EOF
  cat >db/migrate/20240101000002_rename_customer.rb <<'EOF'
class RenameCustomer < ActiveRecord::Migration[6.1]
  def change
    rename_column :orders, :customer_id, :client_id
  end
end
EOF
  cat >app/models/billing.rb <<'EOF'
class Billing
  def self.totals
    Order.connection.select_rows("SELECT customer_id, count(*) FROM orders GROUP BY customer_id")
  end
end
EOF
  # Active Record 6.1 drops host and port given as URL parameters; libpq's
  # variables, set for Ruby alone, say where the server is (pgpreflight must
  # not see them: it would consult the database).
  export DATABASE_URL="postgres:///recipe"
  ar_env=(env PGHOST="$sock" PGPORT="$port" PGUSER="$pguser")
  # Without a Rails application, "bin/rails runner" is replaced by plain
  # Ruby that connects Active Record to DATABASE_URL, as Rails would, and
  # runs the runner's code from the README unchanged.
  boot='require "active_record"
ActiveRecord::Base.establish_connection(ENV.fetch("DATABASE_URL"))
'
  # The database holds the first migration, as before a deploy.
  VERSION=20240101000001 "${ar_env[@]}" ruby -e "$boot ActiveRecord::Tasks::DatabaseTasks.migrate" ||
    fail "migrating to the first version"
  rails=$(recipe 2)
  # The runner's code: between "runner '" and the closing "'".
  code=$(awk '/bin\/rails runner '"'"'/{on=1; next} on && /^  end'"'"'$/{print "  end"; exit} on' <<<"$rails")
  [ -n "$code" ] || { echo "FAIL: no bin/rails runner code in the Rails recipe"; exit 1; }
  "${ar_env[@]}" ruby -e "$boot$code" || fail "the runner's code failed"
  echo "--- captured SQL (tmp/pending.sql)"
  cat tmp/pending.sql
  grep -q 'RENAME COLUMN "customer_id" TO "client_id"' tmp/pending.sql ||
    fail "the rename is not in the captured SQL"
  grep -qE 'schema_migrations|CREATE TABLE' tmp/pending.sql &&
    fail "the capture holds bookkeeping or the first migration's SQL"
  # The recipe's last line, the check, as written.
  script=$(grep '^pgpreflight check' <<<"$rails")
  ;;
*)
  echo "usage: recipes.sh django|alembic|rails PGPREFLIGHT_BINARY PORT" >&2
  exit 2
  ;;
esac

[ -n "$script" ] || { echo "FAIL: no $mode recipe in README.md"; exit 1; }
echo "--- the README's recipe"
printf '%s\n' "$script"
echo "--- its output"
bash -c "$script" >"$tmp/report" 2>"$tmp/stderr"
status=$?
cat "$tmp/report" "$tmp/stderr"
check_report "$tmp/report" "$status"

if [ "$failures" -gt 0 ]; then
  echo "recipes: $mode: $failures failure(s)"
  exit 1
fi
echo "recipes: $mode: the README's recipe printed the migration's SQL and pgpreflight reported renaming-column"
