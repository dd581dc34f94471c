import { Command, InvalidArgumentError, Option } from 'commander';
import { adapterFor } from './adapters/registry.js';
import { classify } from './commands/classify.js';
import { doctor } from './commands/doctor.js';
import { install, uninstall } from './commands/install.js';
import { log } from './commands/log.js';
import { runtimeFromEnv } from './commands/runtime.js';
import { serve } from './commands/serve.js';
import { isModeName, MODE_NAMES, type ModeName } from './domain/mode.js';
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

const modeOption = () => new Option('--mode <mode>', `mode: ${MODE_NAMES.join(', ')}`).argParser(parseMode);

export async function main(argv: string[]): Promise<number> {
  const runtime = runtimeFromEnv();
  let code = 0;
  const program = new Command()
    .name('warden')
    .enablePositionalOptions()
    .description('Approval console for coding agents: decides tool calls, holds the rest for you.')
    .addOption(modeOption().default('manual'))
    .option('--port <port>', 'port of the local endpoint (0: any free port)', parsePort, defaultPort())
    .option('--demo', 'show the console driven by a built-in scripted session')
    .action(async (opts: { mode: ModeName; port: number; demo?: boolean }) => {
      const { runConsole } = await import('./commands/console.js');
      code = await runConsole(runtime, { mode: opts.mode, port: opts.port, demo: opts.demo === true });
    });

  program
    .command('serve')
    .description('run the broker and endpoint without the TUI (CI, scripts); one line per decision')
    .addOption(modeOption().default('manual'))
    .addOption(
      new Option('--on-hold <answer>', 'answer for held actions with no person present')
        .choices(['ask', 'deny'])
        .default('ask'),
    )
    .option('--port <port>', 'port (0: any free port)', parsePort, defaultPort())
    .action(async (opts: { mode: ModeName; onHold: 'ask' | 'deny'; port: number }) => {
      code = await serve(runtime, { mode: opts.mode, onHold: opts.onHold, port: opts.port }, process.stdout);
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
    .action(async (opts: { mode: ModeName; cwd: string; llm?: boolean }) => {
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
    .option('--llm', 'ask the LLM classifier when the analyzer is unsure (needs an API key)')
    .option(
      '--parse',
      'also check every shell command against `bash -n`: valid ones warden does not parse, invalid ones it allows',
    )
    .action(async (file: string, opts: { mode: ModeName; llm?: boolean; parse?: boolean }) => {
      const { runEval } = await import('./eval/index.js');
      const out = (line: string) => process.stdout.write(`${line}\n`);
      if (opts.llm && runtime.classifier.status !== 'on') {
        process.stderr.write(`warden: --llm: the classifier is ${runtime.classifier.describe()}\n`);
        code = 2;
        return;
      }
      await runEval({
        file,
        mode: opts.mode,
        out,
        ...(opts.llm && { classifier: runtime.classifier }),
        ...(opts.parse && { parse: true }),
      });
    });

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
