#!/usr/bin/env bash
# Start MariaDB when it is not running, wait for it, and make the test user and database.
set -euo pipefail
if ! mariadb-admin ping >/dev/null 2>&1; then
  install -d -o mysql -g mysql /run/mysqld 2>/dev/null || true
  start-stop-daemon --start --oknodo --background --chuid mysql --exec /usr/sbin/mariadbd -- --user=mysql \
    || start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
fi
for _ in $(seq 1 60); do
  mariadb-admin ping >/dev/null 2>&1 && break
  sleep 1
done
mariadb-admin ping >/dev/null 2>&1 || { echo "MariaDB did not start" >&2; exit 1; }
mariadb -uroot <<'SQL'
CREATE USER IF NOT EXISTS 'maestro'@'127.0.0.1' IDENTIFIED BY 'maestro';
CREATE USER IF NOT EXISTS 'maestro'@'localhost' IDENTIFIED BY 'maestro';
GRANT ALL PRIVILEGES ON *.* TO 'maestro'@'127.0.0.1';
GRANT ALL PRIVILEGES ON *.* TO 'maestro'@'localhost';
CREATE DATABASE IF NOT EXISTS maestro_test CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
FLUSH PRIVILEGES;
SQL
echo "MariaDB ready"
