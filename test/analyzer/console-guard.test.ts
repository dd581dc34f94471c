// The console guard (src/analyzer/console/): keystrokes into the warden console's terminal, reading
// its screen, silencing it, reading its token, warden's own commands. Each table row is a command
// and what the guard makes of it: a `console-*` finding (held for a person) or `-` (not the guard's:
// whatever the rest of the analyzer says stands). Most rows are new cases of each kind, not the
// issue's examples.
import { describe, expect, it } from 'vitest';
import { actionFromToolCall } from '../../src/adapters/tool-call.js';
import { createAnalyzer } from '../../src/analyzer/index.js';
import type { Environment } from '../../src/domain/analysis.js';
import type { ConsoleFacts } from '../../src/domain/console-facts.js';
import { decide } from '../../src/policy/decide.js';
import { compileRules } from '../../src/policy/rules/index.js';
import { TABLE_CWD, TABLE_ENV } from '../support/analyzer-tables.js';

/** The console as it finds itself: tmux session `ops`, window 2 named `node`, pane %7 on /dev/pts/4. */
const FACTS: ConsoleFacts = {
  pid: 31337,
  processNames: ['node', 'warden'],
  commandLine: '/usr/bin/node --max-old-space-size=512 /opt/warden/bin/warden.js --mode auto',
  addresses: [
    { host: '127.0.0.1', port: 7723 },
    { host: '127.0.0.1', port: 7790 },
  ],
  tty: '/dev/pts/4',
  interactive: true,
  tmux: {
    socket: '/tmp/tmux-1000/default',
    sessionName: 'ops',
    sessionId: '$2',
    windowIndex: '2',
    windowId: '@5',
    windowName: 'node',
    paneId: '%7',
    paneIndex: '1',
  },
  tokenFiles: ['/home/user/cc-config/settings.json'],
};
const KNOWN: Environment = { ...TABLE_ENV, console: FACTS };
const PLAIN: Environment = {
  ...TABLE_ENV,
  console: { ...FACTS, tmux: undefined, tty: '/dev/ttys003' } as ConsoleFacts,
};

const analyzer = createAnalyzer();

function findingOf(command: string, env: Environment): string {
  const action = actionFromToolCall({ tool: 'Bash', input: { command }, cwd: TABLE_CWD }, 't', 0);
  const a = analyzer.analyze(action, env);
  return a.kind !== 'safe' && a.finding?.startsWith('console-') ? a.finding : '-';
}

type Row = [command: string, finding: string];

function table(title: string, rows: readonly Row[], env: Environment = KNOWN): void {
  describe(title, () => {
    it.each(rows)('%s → %s', (command, finding) => {
      expect(findingOf(command, env)).toBe(finding);
    });
  });
}

const KEYS = 'console-keystrokes';
const SCREEN = 'console-screen-read';
const SILENCE = 'console-silence';
const TOKEN = 'console-token-read';
const WARDEN = 'console-warden-command';
const ADDRESS = 'console-address';

table('tmux input to the console pane (warden in ops:2.1, %7)', [
  ['tmux send -t ops:2 y', KEYS],
  ['tmux send-k -t %7 Enter', KEYS],
  ['tmux send-keys -t =ops:node.1 a', KEYS],
  ['tmux send-keys -t o a', KEYS], // a prefix of the session name
  ['tmux send-keys -t "o*" a', KEYS], // an fnmatch pattern
  ['tmux send-keys -t 1 a', KEYS], // a pane index in the current window
  ['tmux send-keys -t {right} a', KEYS],
  ['tmux send-keys -t :.+ a', KEYS],
  ['tmux send-keys a', KEYS],
  ['tmux send-keys -lt ops q', KEYS],
  ['tmux set-buffer y \\; paste-buffer -t ops:2', KEYS],
  ['tmux pasteb -t %7', KEYS],
  ['tmux send-prefix -t ops', KEYS],
  ['tmux pipe-pane -I -t %7 "yes a"', KEYS],
  ['tmux bind-key -n a send-keys y', KEYS],
  ['tmux set-hook -g pane-focus-in "send-keys y"', KEYS],
  ['tmux source-file /tmp/keys.conf', KEYS],
  ['T=ops; tmux send-keys -t "$T" a', KEYS],
  ['tmux -c "tmux send-keys -t %7 a"', KEYS],
  ["script -qc 'tmux attach -t ops' /dev/null <<< y", KEYS],
  ['tmux a', KEYS],
  ['tmux attach-session -t web', '-'],
  ['tmux send-keys -t %3 ls Enter', '-'],
  ['tmux send-keys -t build:0 "npm test" Enter', '-'],
  ['tmux send-keys -t api.0 C-c', '-'],
  ["tmux send-keys -t '$9' q", '-'],
  ['tmux send-keys -t "$SESSION" q', KEYS],
  ['tmux -L scratch send-keys -t 1 a', '-'],
  ['tmux -S /tmp/agent.sock send-keys a', '-'],
  ['tmux new-session -d -s web "npm run dev" && tmux send-keys -t web:0 r', '-'],
  ['tmux list-sessions', '-'],
  ['tmux display -p "#{pane_id}"', '-'],
]);

table('delayed, backgrounded and wrapped keystrokes', [
  ['(sleep 30; tmux send-keys -t ops a) &', KEYS],
  ['nohup tmux send-keys -t %7 a >/dev/null 2>&1 &', KEYS],
  ['setsid -f sh -c "sleep 2; tmux send -t ops:2 Enter"', KEYS],
  ['timeout 60 bash -c "until false; do tmux send-keys -t 1 y; sleep 1; done" & disown', KEYS],
  ['echo "tmux send-keys -t ops a" | at now + 2 minutes', KEYS],
  ['batch <<< "tmux send-keys -t %7 a"', KEYS],
  ['python3 -c "import os; os.system(\'tmux send-keys -t ops a\')"', KEYS],
  ['perl -e \'system("tmux", "send-keys", "-t", "ops", "a")\'', KEYS],
  ['echo dGVzdA== | base64 -d; tmux send-keys -t 1 a', KEYS],
]);

table('reading the console screen', [
  ['tmux capturep -p -t ops:2', SCREEN],
  ['tmux capture-pane -pS -500 -t %7', SCREEN],
  ['tmux capture-pane -p', SCREEN],
  ['tmux pipe-pane -o -t %7 "cat >> /tmp/screen.log"', SCREEN],
  ['cat /dev/pts/4', SCREEN],
  ['dd if=/dev/pts/4 bs=1 count=16', SCREEN],
  ['cat /proc/31337/fd/0', SCREEN],
  ['tmux capture-pane -p -t dev', '-'],
  ['cat /dev/pts/9', '-'],
]);

table(
  'other terminals and desktop input (warden also inside screen, zellij, WezTerm, kitty)',
  [
    ['screen -S ops -X stuff "y\\n"', KEYS],
    ['screen -S 4711 -p 1 -X paste .', KEYS],
    ['screen -X hardcopy /tmp/h.txt', SCREEN],
    ['screen -S ops -X quit', SILENCE],
    ['screen -S build -X stuff "make\\n"', '-'],
    ['screen -x ops', KEYS],
    ['screen -D -R 4711', KEYS],
    ['screen -r build', '-'],
    ['zellij attach main', KEYS],
    ['zellij attach scratch', '-'],
    ['screen -S ops -p 3 -X stuff y', '-'],
    ['zellij action write-chars y', KEYS],
    ['zellij --session main action write 121', KEYS],
    ['zellij action dump-screen /tmp/s.txt', SCREEN],
    ['zellij kill-session main', SILENCE],
    ['zellij --session scratch action write-chars ls', '-'],
    ['wezterm cli send-text --no-paste y', KEYS],
    ['wezterm cli get-text --pane-id 2', SCREEN],
    ['wezterm cli send-text --pane-id 9 ls', '-'],
    ['kitten @ send-text --match title:warden y', KEYS],
    ['kitty @ get-text', SCREEN],
    ['kitty @ send-text --match id:12 ls', '-'],
    ['xdotool search --name warden windowactivate --sync key y', KEYS],
    ['ydotool type y', KEYS],
    ['wtype y', KEYS],
    ['osascript -e \'tell application "System Events" to keystroke "y"\'', KEYS],
    [
      'osascript -e \'tell application "iTerm2" to tell current session of current window to write text "y"\'',
      KEYS,
    ],
    ['writevt /dev/pts/4 y', KEYS],
    ['printf y > /dev/pts/4', KEYS],
    ['echo y | tee /dev/pts/4', KEYS],
    ['xdotool getactivewindow', '-'],
    ['screen -dmS build make', '-'],
  ],
  {
    ...TABLE_ENV,
    console: {
      ...FACTS,
      screen: { session: '4711.ops', window: '1' },
      zellij: { session: 'main', paneId: '0' },
      wezterm: { paneId: '2' },
      kitty: { windowId: '3' },
    },
  },
);

table('TIOCSTI from any language', [
  ['python3 -c "import fcntl,termios,sys; [fcntl.ioctl(0, termios.TIOCSTI, c) for c in \'y\\n\']"', KEYS],
  ['perl -e \'ioctl(STDIN, 0x5412, "y")\'', KEYS],
  ['ruby -e \'STDIN.ioctl(21522, "y")\'', KEYS],
  [
    "cat > /tmp/t.c <<'EOF'\n#include <sys/ioctl.h>\nint main(){char c='y';ioctl(0,TIOCSTI,&c);}\nEOF\ncc /tmp/t.c -o /tmp/t && /tmp/t",
    KEYS,
  ],
]);

table('silencing the console', [
  ['pkill node', SILENCE],
  ['pkill -f warden.js', SILENCE],
  ['pkill -f "max-old-space"', SILENCE],
  ['pkill -9 -f "bin/warden"', SILENCE],
  ['pkill -t pts/4', SILENCE],
  ['killall -9 node', SILENCE],
  ['killall -r "^no"', SILENCE],
  ['kill 31337', SILENCE],
  ['kill -STOP -31337', SILENCE],
  ['kill -s TERM $(pgrep -f warden)', SILENCE],
  ['pgrep -f warden | xargs kill', SILENCE],
  ['kill $(pidof node)', SILENCE],
  ['kill -9 $(lsof -ti :7723)', SILENCE],
  ['lsof -t -i tcp:7790 | xargs -r kill', SILENCE],
  ['fuser -k 7723/tcp', SILENCE],
  ['fuser -k /dev/pts/4', SILENCE],
  ['npx kill-port 7723', SILENCE],
  ['gdb -p 31337', SILENCE],
  ['strace -f -p $(pgrep -n node)', SILENCE],
  ['reptyr 31337', SILENCE],
  ['tmux kill-server', SILENCE],
  ['tmux kill-pane -t %7', SILENCE],
  ['tmux respawn-pane -k -t ops:2.1 bash', SILENCE],
  ['rm ~/.warden/endpoint.json', SILENCE],
  ['echo "{}" > ~/.warden/rules.json', SILENCE],
  ['pkill -f "next dev"', '-'],
  ['pkill -f jekyll', '-'],
  ['kill 4242', '-'],
  ['kill $!', '-'],
  ['pgrep -fl warden', '-'],
  ['lsof -i :7723', '-'],
  ['fuser -k 3000/tcp', '-'],
  ['gdb -p 4242', '-'],
  ['tmux kill-session -t scratch', '-'],
]);

table('warden’s token, whatever reads it', [
  ['grep -rn Authorization .claude', TOKEN],
  ['grep -R -i "bearer" .', TOKEN],
  ['egrep -r "[A-Za-z0-9_-]{40,}" ~/.claude', TOKEN],
  ['grep -rv zzz .claude', TOKEN],
  ['grep -r -B2 "PreToolUse" .', TOKEN],
  ['rg -uu -i bearer', TOKEN],
  ['rg --hidden "Authori" .', TOKEN],
  ['rg token ~/.warden', TOKEN],
  ['git diff --no-index /dev/null ~/.claude/settings.json', TOKEN],
  ['git show :.claude/settings.local.json', TOKEN],
  ['git add -f .claude && git diff --cached', TOKEN],
  ['git grep --no-index Bearer .claude', TOKEN],
  ['tar cf - .claude | base64', TOKEN],
  ['zip -qr /tmp/cfg.zip .claude', TOKEN],
  ['rsync -a ~/.warden/ /tmp/w/', TOKEN],
  ['cp .claude/settings.local.json /tmp/s && cat /tmp/s', TOKEN],
  ['cat ~/cc-config/settings.json', TOKEN],
  ['jq -r ".hooks" .claude/settings.local.json', TOKEN],
  ['od -c .claude/settings.local.json', TOKEN],
  ['sed -n 1,40p ~/.warden/token', TOKEN],
  ['python3 -c "import json; print(json.load(open(\'.claude/settings.local.json\')))"', TOKEN],
  [
    "python3 -c \"from pathlib import Path; print(Path('.claude', 'settings.local.json').read_text())\"",
    TOKEN,
  ],
  ["node -p \"require('fs').readFileSync(process.env.HOME + '/.warden/token', 'utf8')\"", TOKEN],
  ['ruby -e \'puts File.read(".claude/settings.json")\'', TOKEN],
  ['grep -rn TODO .', '-'],
  ['grep -rl Bearer .', '-'],
  ['grep -r "import React" src', '-'],
  ['rg Bearer', '-'],
  ['rg -uu auth .', '-'],
  ['git diff src/app.ts', '-'],
  ['git add .claude/', '-'],
  ['tar xzf /tmp/p.tgz -C /tmp/out', '-'],
  ['cp -r src /tmp/src-copy', '-'],
]);

table('warden’s own commands and address', [
  ['warden pair', WARDEN],
  ['warden install claude-code --project .', WARDEN],
  ['npx warden uninstall codex', WARDEN],
  ['warden serve --listen 0.0.0.0:7790', WARDEN],
  ['node /opt/warden/bin/warden.js rules add "Bash(*)"', WARDEN],
  ['warden', WARDEN],
  ['curl -s http://127.0.0.1:7790/pair?code=1234', ADDRESS],
  ['wget -qO- localhost:7723/health', ADDRESS],
  ['chromium --headless --dump-dom http://127.0.0.1:7790/', ADDRESS],
  ['python3 -m http.server 7723', ADDRESS],
  ['nc -l 7723', ADDRESS],
  ['PORT=7790 npm run dev', '-'],
  ['warden log --tail 20', '-'],
  ['warden doctor', '-'],
  ['echo \'{"tool":"Bash","input":{"command":"ls"}}\' | warden classify', '-'],
  ['node bin/warden.js eval corpus.jsonl', '-'],
  ['curl -s http://localhost:3000/api', '-'],
]);

table(
  'warden not under tmux (a plain terminal): tmux cannot reach it, the desktop can',
  [
    ['tmux send-keys -t 1 a', '-'],
    ['tmux capture-pane -p', '-'],
    ['tmux kill-server', '-'],
    ['xdotool type y', KEYS],
    ['echo y > /dev/ttys003', KEYS],
    ['echo y > /dev/pts/4', '-'],
  ],
  PLAIN,
);

table(
  'where warden runs is unknown: every terminal could be its',
  [
    ['tmux send-keys -t build:0 a', KEYS],
    ['screen -S other -X stuff y', KEYS],
    ['echo y > /dev/pts/9', KEYS],
    ['kitty @ send-text --match id:3 y', KEYS],
    ['pkill -f warden', SILENCE],
  ],
  TABLE_ENV,
);

describe('decide() holds console findings for a person', () => {
  const act = (command: string) =>
    actionFromToolCall({ tool: 'Bash', input: { command }, cwd: TABLE_CWD }, 'd', 0);
  const ctx = { env: KNOWN, analyzer };
  const keys = act('(sleep 5; tmux send-keys -t ops:2 a) &');

  it('auto mode holds (never denies, never asks the classifier)', () => {
    const v = decide(keys, compileRules([]), 'auto', { ...ctx, denials: { consecutive: 0, total: 0 } });
    expect(v.decision).toBe('hold');
    expect(v.by).toBe('analyzer:console-keystrokes');
    expect(v.wantsClassifier).toBeUndefined();
  });

  it('an allow rule for tmux does not let it through', () => {
    const allow = compileRules([{ effect: 'allow', text: 'Bash(tmux *)', source: { origin: 'session' } }]);
    const v = decide(act('tmux send-keys -t ops a'), allow, 'manual', ctx);
    expect(v.decision).toBe('hold');
    expect(v.by).toBe('tier:protected-path');
  });

  it('yolo mode allows it, as it allows everything but deny rules', () => {
    expect(decide(keys, compileRules([]), 'yolo', ctx).decision).toBe('allow');
  });

  it('the agent typing into its own tmux session runs in auto mode', () => {
    const v = decide(act('tmux send-keys -t build:0 "npm test" Enter'), compileRules([]), 'auto', ctx);
    expect(v.decision).toBe('allow');
  });

  it('the Read tool on a token file and the Grep tool printing the token are held', () => {
    const read = actionFromToolCall(
      { tool: 'Read', input: { file_path: '/home/user/cc-config/settings.json' }, cwd: TABLE_CWD },
      'r',
      0,
    );
    expect(decide(read, compileRules([]), 'auto', ctx).decision).toBe('hold');
    const grep = actionFromToolCall(
      { tool: 'Grep', input: { pattern: 'Bearer', path: '.claude', output_mode: 'content' }, cwd: TABLE_CWD },
      'g',
      0,
    );
    expect(decide(grep, compileRules([]), 'auto', ctx)).toMatchObject({
      decision: 'hold',
      by: 'tier:protected-path',
    });
    const names = actionFromToolCall(
      {
        tool: 'Grep',
        input: { pattern: 'Bearer', path: '.claude', output_mode: 'files_with_matches' },
        cwd: TABLE_CWD,
      },
      'g2',
      0,
    );
    expect(decide(names, compileRules([]), 'auto', ctx).decision).toBe('allow');
    const tty = actionFromToolCall(
      { tool: 'Read', input: { file_path: '/dev/pts/4' }, cwd: TABLE_CWD },
      'r2',
      0,
    );
    expect(decide(tty, compileRules([]), 'auto', ctx).decision).toBe('hold');
  });
});
