import type { Analysis } from '../../../domain/analysis.js';
import { dangerous, safe, unsure } from '../../verdicts.js';
import type { CommandJudge } from '../context.js';
import { judgeInfra } from './infra.js';
import { judgeMigration } from './migrations.js';

/** Databases: SQL passed on the command line or stdin, drop tools, ORM resets. */

export function judgeSql(sql: string, tool: string): Analysis {
  const text = sql.replace(/(^|\s)--(\s[^\n]*)?$|\/\*[\s\S]*?\*\//gm, ' ');
  const statements = text
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
  let mutating = false;
  let rowsDeleted = false;
  for (const st of statements) {
    if (
      /^\s*(drop|truncate)\s+(table|database|schema|index|view|collection|user|role)?/i.test(st) ||
      /\bdrop\s+(table|database|schema)\b/i.test(st)
    )
      return dangerous(
        'destroy-or-exfiltrate',
        'database-destroy',
        `${tool}: DROP/TRUNCATE destroys data; ask the user, or back up first`,
      );
    if (/\balter\s+table\b[\s\S]*\bdrop\s+(column|constraint|partition)?/i.test(st))
      return dangerous(
        'destroy-or-exfiltrate',
        'database-destroy',
        `${tool}: ALTER TABLE ... DROP deletes a column and its data; ask the user`,
      );
    if (
      /^\s*(delete\s+from|update)\b/i.test(st) &&
      /\bwhere\s+(1\s*=\s*1|true|1|'1'\s*=\s*'1')\s*$/i.test(st)
    )
      return dangerous(
        'destroy-or-exfiltrate',
        'delete-without-where',
        `${tool}: a WHERE clause that is always true touches every row`,
      );
    if (/^\s*(flushall|flushdb)\b/i.test(st))
      return dangerous(
        'destroy-or-exfiltrate',
        'database-destroy',
        `${tool}: FLUSHALL/FLUSHDB deletes every key`,
      );
    if (/^\s*delete\s+from\b/i.test(st) && !/\bwhere\b/i.test(st))
      return dangerous(
        'destroy-or-exfiltrate',
        'delete-without-where',
        `${tool}: DELETE without WHERE empties the table; add a WHERE clause`,
      );
    if (/^\s*update\s+\S+\s+set\b/i.test(st) && !/\bwhere\b/i.test(st))
      return dangerous(
        'destroy-or-exfiltrate',
        'update-without-where',
        `${tool}: UPDATE without WHERE rewrites every row; add a WHERE clause`,
      );
    if (/^\s*delete\s+from\b/i.test(st)) rowsDeleted = true;
    if (
      /^\s*(alter|grant|revoke|create\s+user|alter\s+user)\b/i.test(st) ||
      /\b(flushall|flushdb)\b/i.test(st)
    )
      mutating = true;
    if (
      /^\s*(insert|update|delete|create|replace|merge|copy|vacuum|reindex|cluster|call|do|exec)\b/i.test(st)
    )
      mutating = true;
  }
  if (
    /\bdb\.dropDatabase\(|\.drop\(\)|\.dropDatabase\(|\.deleteMany\(\s*\{\s*\}\s*\)|\.remove\(\s*\{\s*\}\s*\)/i.test(
      text,
    )
  )
    return dangerous(
      'destroy-or-exfiltrate',
      'database-destroy',
      `${tool}: drops a database or empties a collection`,
    );
  if (rowsDeleted || /\.(deleteOne|deleteMany|findOneAndDelete|findAndModify|remove)\s*\(/.test(text))
    return unsure(
      'rows-delete',
      `${tool} deletes rows or documents for good; run the same filter as a SELECT/find first and show the user what goes`,
    );
  return safe(
    mutating ? `${tool} changes specific rows or schema (nothing dropped)` : `${tool} query only reads`,
  );
}

const SQL_FLAGS = new Set(['-c', '-e', '--command', '--execute', '--eval', '-query', '--query', '-q']);

function sqlClient(tool: string): CommandJudge {
  return (args, cmd) => {
    const parts: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const v = args[i]!.value;
      if (SQL_FLAGS.has(v) && args[i + 1]) {
        // unquoted SQL: every following word belongs to it
        const rest: string[] = [];
        for (i++; i < args.length && !(args[i]!.value.startsWith('-') && rest.length > 0); i++)
          rest.push(args[i]!.value);
        parts.push(rest.join(' '));
      } else if (/^--(command|execute|eval)=/.test(v)) parts.push(v.slice(v.indexOf('=') + 1));
    }
    if (tool === 'sqlite3' || tool === 'duckdb') {
      const ops = args.filter((a) => !a.value.startsWith('-'));
      if (ops.length > 1) parts.push(...ops.slice(1).map((o) => o.value));
    }
    if (tool === 'redis-cli') {
      const ops = args.filter((a) => !a.value.startsWith('-')).map((a) => a.value.toLowerCase());
      if (ops.some((o) => o === 'flushall' || o === 'flushdb'))
        return dangerous(
          'destroy-or-exfiltrate',
          'database-destroy',
          'redis FLUSHALL/FLUSHDB deletes every key',
        );
      if (
        ops.some((o) =>
          /^(shutdown|debug|config|eval|evalsha|fcall|function|script|module|slaveof|replicaof|migrate)$/.test(
            o,
          ),
        )
      )
        return unsure('database-admin', 'redis-cli runs a script on the server or changes the server');
      const host = args.find((_a, i) => i > 0 && /^(-h|-u)$/.test(args[i - 1]!.value))?.value;
      if (
        host &&
        !/^(localhost|127\.0\.0\.1|::1|redis)(:\d+)?$|^redis:\/\/(localhost|127\.0\.0\.1|redis)[:/]/.test(
          host,
        )
      )
        return unsure('remote-database', `redis-cli talks to the remote server ${host}`);
      // one named key is a cache entry; keys chosen at run time (`KEYS '*' | xargs redis-cli DEL`) may be all of them
      const del = ops.findIndex((o) => /^(del|unlink)$/.test(o));
      if (del >= 0 && args.some((a) => a.dynamic))
        return unsure('key-delete', 'redis-cli deletes keys chosen at run time, possibly every key');
      return safe('redis-cli command');
    }
    if (cmd.stdinText) parts.push(cmd.stdinText);
    if (parts.length === 0) {
      if (
        args.some((a) => a.value === '-f' || a.value === '--file' || a.value === '-i') ||
        cmd.upstream ||
        cmd.redirects.some((r) => r.operator === '<')
      )
        return unsure('database-script', `${tool} runs a SQL script`);
      const host =
        args.find((_a, i) => i > 0 && /^(-h|--host)$/.test(args[i - 1]!.value))?.value ??
        args.find((a) => /^--host=|^postgres(ql)?:\/\/|^mysql:\/\/|^mongodb(\+srv)?:\/\//.test(a.value))
          ?.value;
      if (
        host &&
        !/^(--host=)?(localhost|127\.0\.0\.1|::1|0\.0\.0\.0|db|postgres|mysql)(:\d+)?$|^(--host=)?\/|@(localhost|127\.0\.0\.1)[:/]/.test(
          host,
        )
      )
        return unsure('remote-database', `${tool} opens a session on the remote database ${host}`);
      return safe(`${tool} runs no statement`);
    }
    return judgeSql(parts.join(';\n'), tool);
  };
}

const dropTool: CommandJudge = (_args, _cmd) =>
  dangerous('destroy-or-exfiltrate', 'database-destroy', 'drops a database; ask the user to do this');

/** ORM and framework commands that wipe or force-migrate a database. */
export function ormRisk(words: readonly string[]): Analysis | undefined {
  const t = words.join(' ');
  if (
    /\bmigrate\s+reset\b|\bdb\s+push\b.*--(force-reset|accept-data-loss)|--force-reset|--accept-data-loss/.test(
      t,
    )
  )
    return dangerous(
      'destroy-or-exfiltrate',
      'orm-reset',
      'resets the database and deletes its data; ask the user',
    );
  if (
    /\bdb:(drop|reset|purge|schema:load|migrate:reset|rollback)\b|\bdb:migrate:(reset|redo)\b|\bschema:drop\b|\bmigrate:(fresh|reset|refresh|rollback)\b|\bdatabase:drop\b|\bflush\b(?!-)|\bresetdb\b|\breset_db\b|\bdropdb\b|\bdb\s+(reset|drop)\b|\bmigration:revert\b|\bdb:seed:undo\b|\bdrop-database\b|\bdb:wipe\b|\bsqlflush\b|\bdrizzle-kit\s+drop\b/.test(
      t,
    )
  )
    return dangerous('destroy-or-exfiltrate', 'orm-reset', 'drops or resets the database; ask the user');
  return undefined;
}

/** An ORM or migration CLI: judged as a migration (migrations.ts), then by the legacy patterns. */
const orm =
  (tool: string): CommandJudge =>
  (args) =>
    judgeMigration(tool, args) ??
    ormRisk(args.map((a) => a.value)) ??
    safe(`${tool}: no reset, drop or downgrade`);

export const DATABASE_JUDGES: Readonly<Record<string, CommandJudge>> = {
  psql: sqlClient('psql'),
  mysql: sqlClient('mysql'),
  mariadb: sqlClient('mariadb'),
  sqlite3: sqlClient('sqlite3'),
  sqlite: sqlClient('sqlite3'),
  duckdb: sqlClient('duckdb'),
  sql: sqlClient('sql'),
  sqlcmd: sqlClient('sqlcmd'),
  clickhouse: sqlClient('clickhouse'),
  'clickhouse-client': sqlClient('clickhouse'),
  cqlsh: sqlClient('cqlsh'),
  mongo: sqlClient('mongo'),
  mongosh: sqlClient('mongosh'),
  'redis-cli': sqlClient('redis-cli'),
  dropdb: dropTool,
  dropuser: dropTool,
  mysqladmin: (args) =>
    args.some((a) => /^drop$/i.test(a.value))
      ? dropTool(args, undefined as never, undefined as never)
      : unsure('database-admin', 'mysqladmin changes the server'),
  createdb: () => unsure('database-create', 'creates a database'),
  pg_dump: () => safe('pg_dump reads a database'),
  mongodump: () => safe('dump reads a database'),
  mysqldump: () => safe('dump reads a database'),
  pg_restore: (args) =>
    args.some((a) => /^(-c|--clean)$/.test(a.value))
      ? dangerous('destroy-or-exfiltrate', 'database-restore-clean', 'pg_restore --clean drops objects first')
      : unsure('database-restore', 'restores into a database'),
  mongorestore: (args) =>
    args.some((a) => a.value === '--drop')
      ? dangerous(
          'destroy-or-exfiltrate',
          'database-restore-clean',
          'mongorestore --drop drops collections first',
        )
      : unsure('database-restore', 'restores into a database'),
  prisma: orm('prisma'),
  sequelize: orm('sequelize'),
  'sequelize-cli': orm('sequelize-cli'),
  knex: orm('knex'),
  typeorm: orm('typeorm'),
  'drizzle-kit': (args, cmd, ctx) =>
    args.some((a) => a.value === 'drop') ? dropTool(args, cmd, ctx) : orm('drizzle-kit')(args, cmd, ctx),
  alembic: (args, cmd, ctx) =>
    args.some((a) => a.value === '--sql')
      ? safe('alembic --sql prints SQL offline')
      : orm('alembic')(args, cmd, ctx),
  flyway: (args, cmd, ctx) =>
    args.some((a) => /^clean$/i.test(a.value)) ? dropTool(args, cmd, ctx) : orm('flyway')(args, cmd, ctx),
  liquibase: (args, cmd, ctx) =>
    args.some((a) => /^drop-?all$/i.test(a.value))
      ? dropTool(args, cmd, ctx)
      : orm('liquibase')(args, cmd, ctx),
  atlas: (args) =>
    args.some((a) => /^clean$/.test(a.value))
      ? dropTool(args, undefined as never, undefined as never)
      : judgeInfra('atlas', args),
};
