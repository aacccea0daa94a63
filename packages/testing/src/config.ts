/** What the test harness takes from its environment, read once. */
export const testEnvironment = Object.freeze({
  /** A MySQL/MariaDB server for database tests, e.g. mysql://root@127.0.0.1:3306; unset means SQLite only. */
  mysqlUrl: process.env.TEST_MYSQL_URL || undefined,
  /** Child processes need PATH, and nothing else of the parent's environment. */
  path: process.env.PATH,
});
