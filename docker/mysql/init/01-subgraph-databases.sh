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

  # The passwords are also written into mysql://user:password@host/database
  # URLs unencoded, so they are restricted to characters that need no encoding.
  require_password() {
    local name=$1 value=${!1:-}
    if [[ -z $value ]]; then
      echo "01-subgraph-databases.sh: $name is not set" >&2
      return 1
    fi
    if [[ ! $value =~ ^[A-Za-z0-9._~-]+$ ]]; then
      echo "01-subgraph-databases.sh: $name may contain only letters, digits and . _ ~ - (it is used in a URL unencoded)" >&2
      return 1
    fi
  }
  require_password RESEARCH_INNOVATION_MYSQL_PASSWORD
  require_password HUMAN_CAPITAL_MYSQL_PASSWORD

  # The temporary server of the initialisation listens on the socket only.
  # In GRANT, `_` is a wildcard in database names: escaped, it matches itself.
  mysql --defaults-extra-file=<(printf '[client]\nuser=root\npassword="%s"\n' "$MYSQL_ROOT_PASSWORD") \
    --protocol=socket --socket="${SOCKET:-/var/run/mysqld/mysqld.sock}" <<SQL
CREATE DATABASE IF NOT EXISTS research_innovation CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'research_innovation'@'%' IDENTIFIED BY '${RESEARCH_INNOVATION_MYSQL_PASSWORD}';
GRANT ALL PRIVILEGES ON \`research\_innovation\`.* TO 'research_innovation'@'%';

CREATE DATABASE IF NOT EXISTS human_capital CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'human_capital'@'%' IDENTIFIED BY '${HUMAN_CAPITAL_MYSQL_PASSWORD}';
GRANT ALL PRIVILEGES ON \`human\_capital\`.* TO 'human_capital'@'%';
SQL
  echo "01-subgraph-databases.sh: created databases and users research_innovation and human_capital"
)
