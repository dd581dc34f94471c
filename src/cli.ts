import { Command, InvalidArgumentError, Option } from 'commander';
import { adapterFor } from './adapters/registry.js';
import { BACKEND_CHOICES, type BackendChoice } from './classifier/backends/select.js';
import { classify } from './commands/classify.js';
import { doctor } from './commands/doctor.js';
import { install, uninstall } from './commands/install.js';
import { log } from './commands/log.js';
import { runtimeFromEnv } from './commands/runtime.js';
import { serve } from './commands/serve.js';
import { DEFAULT_MODE, isModeName, MODE_NAMES, type ModeName } from './domain/mode.js';
import { DEFAULT_PORT } from './server/connection.js';
import { forwardHook } from './server/hook-client.js';

function parseMode(value: string): ModeName {
  if (!isModeName(value)) throw new InvalidArgumentError(`expected one of ${MODE_NAMES.join(', ')}`);
  return value;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new InvalidArgumentError('expected a port number 0-65535');
  return port;
}

function defaultPort(): number {
  const fromEnv = process.env.WARDEN_PORT;
  return fromEnv && /^\d+$/.test(fromEnv) ? Number(fromEnv) : DEFAULT_PORT;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const modeOption = () =>
  new Option(
    '--mode <mode>',
    `mode: ${MODE_NAMES.join(', ')} (default: config.json's mode, else ${DEFAULT_MODE})`,
  ).argParser(parseMode);

/** The mode to start in: `--mode`, else config.json's `mode`, else auto. */
export function startMode(flag: ModeName | undefined, configured: ModeName | undefined): ModeName {
  return flag ?? configured ?? DEFAULT_MODE;
}
const classifierOption = () =>
  new Option(
    '--classifier <backend>',
    'LLM classifier backend (default: classifier.backend in config.json, else auto)',
  ).choices(BACKEND_CHOICES);

export async function main(argv: string[]): Promise<number> {
  const runtime = runtimeFromEnv();
  let code = 0;
  const program = new Command()
    .name('warden')
    .enablePositionalOptions()
    .description('Approval console for coding agents: decides tool calls, holds the rest for you.')
    .addOption(modeOption())
    .option('--port <port>', 'port of the local endpoint (0: any free port)', parsePort, defaultPort())
    .option('--demo', 'show the console driven by a built-in scripted session')
    .option(
      '--listen <address>',
      'approval page address beyond loopback (a LAN or tailnet address; warned in the header)',
    )
    .addOption(classifierOption())
    .action(
      async (opts: {
        mode?: ModeName;
        port: number;
        demo?: boolean;
        classifier?: BackendChoice;
        listen?: string;
      }) => {
        if (opts.classifier) runtime.chooseClassifier?.(opts.classifier);
        const { runConsole } = await import('./commands/console.js');
        const mode = startMode(opts.mode, runtime.config.mode);
        code = await runConsole(runtime, {
          mode,
          port: opts.port,
          demo: opts.demo === true,
          ...(opts.listen !== undefined && { listen: opts.listen }),
        });
      },
    );

  program
    .command('serve')
    .description('run the broker and endpoint without the TUI (CI, scripts); one line per decision')
    .addOption(modeOption())
    .addOption(
      new Option(
        '--on-hold <answer>',
        'answer for held actions with no person present (wait: they wait for a paired browser)',
      )
        .choices(['ask', 'deny', 'wait'])
        .default('ask'),
    )
    .option('--port <port>', 'port (0: any free port)', parsePort, defaultPort())
    .option('--listen <address>', 'approval page address beyond loopback (a LAN or tailnet address)')
    .addOption(classifierOption())
    .action(
      async (opts: {
        mode?: ModeName;
        onHold: 'ask' | 'deny' | 'wait';
        port: number;
        classifier?: BackendChoice;
        listen?: string;
      }) => {
        if (opts.classifier) runtime.chooseClassifier?.(opts.classifier);
        const mode = startMode(opts.mode, runtime.config.mode);
        code = await serve(
          runtime,
          {
            mode,
            onHold: opts.onHold,
            port: opts.port,
            ...(opts.listen !== undefined && { listen: opts.listen }),
          },
          process.stdout,
        );
      },
    );

  program
    .command('pair')
    .description(
      'pair a browser with the running console: prints a one-time link, names the browser that opens it, pairs on your y',
    )
    .option('--list', 'list paired browsers')
    .option('--revoke <id>', 'revoke a paired browser (or all)')
    .option('--no-qr', 'do not draw the QR code')
    .action(async (opts: { list?: boolean; revoke?: string; qr: boolean }) => {
      const { pair } = await import('./commands/pair.js');
      code = await pair(
        runtime.home,
        { list: opts.list === true, qr: opts.qr, ...(opts.revoke !== undefined && { revoke: opts.revoke }) },
        { out: process.stdout, input: process.stdin },
      );
    });

  program
    .command('hook')
    .description("command hook: forwards the agent's hook payload (stdin) to the console; prints the answer")
    .argument('<agent>', 'claude-code, gemini-cli or codex')
    .option('--event <event>', 'hook event, when the payload does not say')
    .action(async (agent: string, opts: { event?: string }) => {
      const adapter = adapterFor(agent);
      if (!adapter) {
        process.stderr.write(`warden: unknown agent ${JSON.stringify(agent)}\n`);
        code = 2;
        return;
      }
      const stdin = await readStdin();
      process.stdout.write(`${await forwardHook(adapter, stdin, runtime.home, opts.event)}\n`);
    });

  program
    .command('install')
    .description(
      "write warden's hooks into the agent's settings (idempotent; keeps other hooks; backup kept)",
    )
    .argument('<agent>', 'claude-code, gemini-cli or codex')
    .option(
      '--project <dir>',
      'this project only (.claude/settings.local.json, .gemini/settings.json, .codex/hooks.json)',
    )
    .option('--user', 'every project of this user')
    .option('--port <port>', 'port the console listens on', parsePort)
    .option('--command', 'Claude Code: install `warden hook` command hooks instead of http hooks')
    .action(
      async (agent: string, opts: { project?: string; user?: boolean; port?: number; command?: boolean }) => {
        const target = opts.user
          ? { scope: 'user' as const }
          : { scope: 'project' as const, dir: opts.project ?? process.cwd() };
        const command = opts.command
          ? `${JSON.stringify(process.execPath)} ${JSON.stringify(process.argv[1] ?? 'warden')} hook ${agent}`
          : undefined;
        code = await install(
          runtime,
          { agent, target, ...(opts.port !== undefined && { port: opts.port }), ...(command && { command }) },
          process.stdout,
        );
      },
    );

  program
    .command('uninstall')
    .description("remove warden's hooks from the agent's settings")
    .argument('<agent>', 'claude-code, gemini-cli or codex')
    .option('--project <dir>', 'this project only')
    .option('--user', 'the user settings')
    .action(async (agent: string, opts: { project?: string; user?: boolean }) => {
      const target = opts.user
        ? { scope: 'user' as const }
        : { scope: 'project' as const, dir: opts.project ?? process.cwd() };
      code = await uninstall(agent, target, process.stdout);
    });

  program
    .command('doctor')
    .description('check the console is reachable and the hooks are installed, current and not turned off')
    .option('--project <dir>', 'project to check', process.cwd())
    .action(async (opts: { project: string }) => {
      code = await doctor(runtime, opts.project, process.stdout);
    });

  program
    .command('classify')
    .description('JSON lines in ({tool, input, cwd?} or a PreToolUse payload), one verdict line out each')
    .addOption(modeOption().default('auto'))
    .option('--cwd <dir>', 'working directory for calls that do not name one', process.cwd())
    .option('--llm', 'ask the LLM classifier when the analyzer is unsure')
    .addOption(classifierOption())
    .action(async (opts: { mode: ModeName; cwd: string; llm?: boolean; classifier?: BackendChoice }) => {
      if (opts.classifier) runtime.chooseClassifier?.(opts.classifier);
      code = await classify(
        runtime,
        { mode: opts.mode, cwd: opts.cwd, llm: opts.llm === true },
        process.stdin,
        process.stdout,
      );
    });

  program
    .command('eval')
    .description(
      'run a JSONL file of tool calls through decide(): catch rate and false holds (labelled) or interruptions per mode',
    )
    .argument(
      '<file>',
      'JSON lines: {tool, input, label?, source_policy?, ...} (the format of shared/corpus)',
    )
    .addOption(modeOption().default('auto'))
    .option('--llm', 'ask the LLM classifier when the analyzer is unsure')
    .addOption(classifierOption())
    .option(
      '--record <cassette>',
      "with --llm: write each classifier request's key, answer and usage to this file",
    )
    .option('--replay <cassette>', 'score with the answers recorded in this file, offline (implies --llm)')
    .option(
      '--parse',
      'also check every shell command against `bash -n`: valid ones warden does not parse, invalid ones it allows',
    )
    .action(
      async (
        file: string,
        opts: {
          mode: ModeName;
          llm?: boolean;
          classifier?: BackendChoice;
          record?: string;
          replay?: string;
          parse?: boolean;
        },
      ) => {
        const { evalCommand } = await import('./commands/eval.js');
        code = await evalCommand(runtime, { file, ...opts }, process.stdout, process.stderr);
      },
    );

  program
    .command('log')
    .description(
      'print the audit log (across rotated files); --stats sums decisions and classifier tokens per session and day',
    )
    .option('--stats', 'per session and day: decisions, answers, classifier calls, tokens, time')
    .option('--session <id>', 'only this session')
    .option('--tail <n>', 'only the last n records', (v) => Number.parseInt(v, 10))
    .action((opts: { stats?: boolean; session?: string; tail?: number }) => {
      code = log(
        runtime,
        {
          stats: opts.stats === true,
          ...(opts.session !== undefined && { session: opts.session }),
          ...(opts.tail !== undefined && { tail: opts.tail }),
        },
        process.stdout,
        process.stderr,
      );
    });

  program
    .command('replay')
    .description(
      'decide the recorded actions again under other rules or another mode and print what would change (exit 1 when something the recorded run denied would be allowed)',
    )
    .option(
      '--rules <file>',
      'a rules file (Claude Code settings or warden rules.json); default: the rules in force',
    )
    .addOption(
      new Option(
        '--mode <mode>',
        `judge in this mode (${MODE_NAMES.join(', ')}); default: the mode each was recorded in`,
      ).argParser(parseMode),
    )
    .option('--since <when>', 'only actions since: 7d, 12h, 30m or an ISO date', '7d')
    .option('--project <dir>', 'only sessions in this project')
    .option('--session <id>', 'only this session')
    .option('--json', 'one JSON object per changed action: id, tool, input, before, after, by')
    .action(
      async (opts: {
        rules?: string;
        mode?: ModeName;
        since: string;
        project?: string;
        session?: string;
        json?: boolean;
      }) => {
        const { replay, parseSince } = await import('./commands/replay.js');
        const since = parseSince(opts.since);
        if (since === undefined) {
          process.stderr.write(
            `warden replay: --since ${JSON.stringify(opts.since)}: expected 7d, 12h, 30m or a date\n`,
          );
          code = 2;
          return;
        }
        code = replay(
          runtime,
          {
            since,
            json: opts.json === true,
            ...(opts.rules !== undefined && { rulesFile: opts.rules }),
            ...(opts.mode !== undefined && { mode: opts.mode }),
            ...(opts.project !== undefined && { project: opts.project }),
            ...(opts.session !== undefined && { session: opts.session }),
          },
          process.stdout,
          process.stderr,
        );
      },
    );

  program.exitOverride();
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    const e = error as { code?: string; exitCode?: number };
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
    if (typeof e.exitCode === 'number') return e.exitCode;
    throw error;
  }
  return code;
}
