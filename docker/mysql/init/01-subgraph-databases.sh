#!/usr/bin/env bash
# One database and one user per subgraph; each user is granted privileges on
# its own database only, so a subgraph cannot read or change another's data.
#
# The MySQL image runs this once, on the first start with an empty data
# volume (changing a password later means `docker compose down --volumes`).
# It is a shell script rather than .sql because SQL files cannot read the
# passwords from the environment. The image sources it (or runs it when it is
# executable), so all work happens in a subshell: `set -u` and a failure stay
# here, and a failure still aborts the initialisation.
(
  set -euo pipefail

  # Every subgraph's database (and user) name; `npm run subgraph:new` adds to
  # this list. Each needs <NAME>_MYSQL_PASSWORD, e.g. HUMAN_CAPITAL_MYSQL_PASSWORD.
  subgraphs=(research_innovation human_capital)

  # The passwords are also written into mysql://user:password@host/database
  # URLs unencoded, so they are restricted to characters that need no encoding.
  sql=''
  for database in "${subgraphs[@]}"; do
    variable="${database^^}_MYSQL_PASSWORD"
    password=${!variable:-}
    if [[ -z $password ]]; then
      echo "01-subgraph-databases.sh: $variable is not set" >&2
      exit 1
    fi
    if [[ ! $password =~ ^[A-Za-z0-9._~-]+$ ]]; then
      echo "01-subgraph-databases.sh: $variable may contain only letters, digits and . _ ~ - (it is used in a URL unencoded)" >&2
      exit 1
    fi
    # In GRANT, `_` is a wildcard in database names: escaped, it matches itself.
    sql+="CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '${database}'@'%' IDENTIFIED BY '${password}';
GRANT ALL PRIVILEGES ON \`${database//_/\\_}\`.* TO '${database}'@'%';
"
  done

  # The temporary server of the initialisation listens on the socket only.
  mysql --defaults-extra-file=<(printf '[client]\nuser=root\npassword="%s"\n' "$MYSQL_ROOT_PASSWORD") \
    --protocol=socket --socket="${SOCKET:-/var/run/mysqld/mysqld.sock}" <<<"$sql"
  echo "01-subgraph-databases.sh: created databases and users ${subgraphs[*]}"
)
