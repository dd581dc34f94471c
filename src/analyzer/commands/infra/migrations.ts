import path from 'node:path';
import type { Analysis } from '../../../domain/analysis.js';
import type { Arg } from '../../../shell/words.js';
import { dangerous, unsure } from '../../verdicts.js';
import { splitWord } from '../verbs.js';

/**
 * Schema migrations by what they do, whatever tool runs them and however it is invoked (`alembic`,
 * `python -m alembic`, `.venv/bin/alembic`, `npx knex`, `bundle exec rails`, `npm run migrate:down`,
 * `make db-reset`, a tool warden has never seen such as `goose down`). A command is a migration
 * command when a word of its name or subcommands says so: a migration tool's name, `migrate`,
 * `migration(s)`, `schema`, `ecto`, a framework's `manage.py` (strong), or `db`/`database` (weak).
 * Then its verbs decide:
 *
 * - going back or wiping (downgrade, rollback, revert, undo, reset, drop, wipe, purge, truncate,
 *   fresh, flush; with strong context also down, redo, refresh, clean, and django's target `zero`,
 *   rails' `VERSION=0`) drops tables and their data: dangerous;
 * - a sync of the schema without migrations (`prisma db push`, `drizzle-kit push`,
 *   `typeorm schema:sync`, `supabase db push`) can drop columns to match: unsure, and dangerous
 *   with the flags that accept the loss (`--accept-data-loss`, `--force-reset`, `--force`);
 * - bookkeeping that makes the recorded version lie (`alembic stamp`, `migrate force N`,
 *   `--fake`) or a move to a named older migration (`manage.py migrate app 0003`,
 *   `db:migrate VERSION=20240101`): unsure.
 *
 * Upgrades, status, history, generation (`alembic upgrade head`, `prisma migrate dev`,
 * `prisma generate`, `knex migrate:latest`) are routine.
 */

/** Tools whose whole job is migrations: their name is context enough. */
const MIGRATION_TOOLS =
  /^(alembic|flyway|liquibase|goose|dbmate|sqitch|diesel|sqlx|knex|sequelize(-cli)?|typeorm|prisma|drizzle-kit|mikro-orm|sea-orm-cli|atlas|yoyo|refinery|pgroll|graphile-migrate|shmig|tern|migrate|migrator|django-admin|manage|artisan|ecto|phinx|doctrine|kysely|umzug|node-pg-migrate|db-migrate|postgrator|dbdeployer|skeema|sqldef|psqldef|mysqldef|bytebase|squawk)$/;

const STRONG_CONTEXT = /^(migrate|migrates|migration|migrations|migrator|schema|ecto|orm|alembic)$/;
const WEAK_CONTEXT = /^(db|database|databases)$/;

/** Verbs that go back or wipe, in any migration context. */
const WIPES =
  /^(downgrade|rollback|revert|undo|reset|drop|dropall|wipe|purge|truncate|fresh|flush|nuke|destroy|replant|resetdb|reset_db|dropdb)$/;
/** Verbs that go back or wipe only where the context is surely migrations (`docker compose down db` is not). */
const WIPES_WITH_STRONG = /^(down|redo|refresh|clean|zero)$/;
/** Syncing the schema to the models without migrations: columns the models lack are dropped. */
const SYNCS = /^(push|sync)$/;
/** Bookkeeping that changes the recorded version without running anything. */
const BOOKKEEPING = /^(stamp|force|fake|baseline|repair|resolve)$/;
/** Flags that accept losing data in a sync or reset. */
const LOSS_FLAGS = /^--(accept-data-loss|force-reset|force|yes-i-know|drop-tables?)$/;

interface Words {
  readonly context: 'strong' | 'weak' | undefined;
  readonly words: readonly string[];
}

/** The words of the tool's name and its subcommands (messages, paths and file names are data). */
function wordsOf(tool: string, args: readonly Arg[]): Words {
  const name = path.posix
    .basename(tool)
    .replace(/\.(py|js|ts|mjs|cjs|rb|php|exe|sh)$/i, '')
    .toLowerCase();
  const words: string[] = [];
  let context: Words['context'] = MIGRATION_TOOLS.test(name) ? 'strong' : undefined;
  const note = (w: string) => {
    words.push(w);
    if (MIGRATION_TOOLS.test(w) || STRONG_CONTEXT.test(w)) context = 'strong';
    else if (WEAK_CONTEXT.test(w)) context ??= 'weak';
  };
  for (const w of splitWord(name)) note(w);
  for (const a of args.slice(0, 10)) {
    const v = a.value;
    if (a.dynamic || v.startsWith('-') || /\s/.test(v)) continue;
    if (/[/\\]/.test(v) || /^[\w.-]+\.(py|js|ts|rb|php|exe)$/i.test(v)) {
      // a script or module path names the tool it runs (`manage.py`, `.venv/bin/alembic`)
      const base = path.posix
        .basename(v.replace(/\\/g, '/'))
        .replace(/\.(py|js|ts|mjs|cjs|rb|php|exe)$/i, '');
      if (MIGRATION_TOOLS.test(base.toLowerCase())) context = 'strong';
      continue;
    }
    if (v.includes('=')) {
      words.push(v.toLowerCase());
      continue;
    }
    for (const w of splitWord(v)) note(w);
    // a closed compound (`dropdb`, `resetdb`): keep it whole too
    note(v.toLowerCase());
  }
  return { context, words };
}

const harm = (what: string) =>
  dangerous(
    'destroy-or-exfiltrate',
    'schema-downgrade',
    `${what} drops tables or data the migrations created; back up the database and ask the user to run it`,
  );

/** The risk of a command read as a schema migration, or undefined when it is none or routine. */
export function judgeMigration(tool: string, args: readonly Arg[]): Analysis | undefined {
  const { context, words } = wordsOf(tool, args);
  if (!context) return undefined;
  const strong = context === 'strong';
  const shown = [tool, ...args.slice(0, 4).map((a) => a.value)].join(' ');
  if (words.some((w) => /^(help|--help|-h)$/.test(w))) return undefined;
  const wipe = words.find((w) => WIPES.test(w) || (strong && WIPES_WITH_STRONG.test(w)));
  if (wipe) return harm(shown);
  if (strong && words.some((w) => /^version=0+$/.test(w))) return harm(shown);
  const flags = args.map((a) => a.value);
  const sync = words.some((w) => SYNCS.test(w)) && (strong || words.includes('schema') || context === 'weak');
  const loss = flags.find((f) => LOSS_FLAGS.test(f.split('=')[0]!));
  if (sync && loss)
    return dangerous(
      'destroy-or-exfiltrate',
      'schema-force-sync',
      `${shown.includes(loss) ? shown : `${shown} ${loss}`} syncs the schema and accepts dropping data; ask the user to run it`,
    );
  if (strong && flags.some((f) => /^--(accept-data-loss|force-reset)$/.test(f))) return harm(shown);
  if (sync)
    return unsure(
      'schema-sync',
      `${shown} pushes schema changes straight to the database it is linked to, with no migration step to review or roll back (tables and columns can be dropped to match); create a migration, or run it when the user asks`,
    );
  const bookkeeping = strong && (words.find((w) => BOOKKEEPING.test(w)) ?? flags.find((f) => f === '--fake'));
  if (bookkeeping)
    return unsure(
      'schema-bookkeeping',
      `${shown} changes which migrations the database records as applied without running them (${bookkeeping})`,
    );
  // a move to a named migration may go backwards: `manage.py migrate app 0003`, `VERSION=2024…`
  const at = words.indexOf('migrate');
  if (
    strong &&
    ((at >= 0 && words.slice(at + 1).some((w) => /^\d{4}(_\w*)?$/.test(w))) ||
      words.some((w) => /^(version|target)=\d+/.test(w)))
  )
    return unsure(
      'schema-migrate-to',
      `${shown} migrates to a named version, which may unapply later migrations and drop their data`,
    );
  return undefined;
}
