import path from 'node:path';
import type { Environment } from '../domain/analysis.js';
import { agentConfigFileReason, agentConfigWriteReason } from './agent-config.js';
import { consoleDeviceReason, tokenFileReason } from './console-files.js';
import { isInside } from './inside.js';
import { absolutePath } from './resolve-path.js';
import { isSystemFile } from './system-dirs.js';

/**
 * Paths an agent must never change on its own (in every mode but yolo): the repository's
 * history, the agent's and warden's own settings and hooks (what in an agent's folder runs code or
 * grants permissions: see agent-config.ts; its commands, skills, plans and notes are ordinary
 * files), shell start-up files, secrets.
 * Returns why the path is protected, or undefined.
 */
function writeReason(file: string, env: Environment): string | undefined {
  const abs = absolutePath(file);
  const base = abs.slice(abs.lastIndexOf('/') + 1);
  const dirs = homeDirs(env.home);
  if (isInside(abs, env.wardenHome)) return "warden's own files";
  if (hasSegment(abs, '.warden')) return "warden's project rules";
  const device = consoleDeviceReason(abs, env);
  if (device) return device;
  if (hasSegment(abs, '.git')) return 'git internals (.git/)';
  if (abs.includes('/.')) {
    const agent = agentConfigWriteReason(abs);
    if (agent) return agent;
  }
  const agentFile = agentConfigFileReason(base, path.dirname(abs), env.home);
  if (agentFile) return agentFile;
  if (base === '.mcp.json' || (hasSegment(abs, '.vscode') && base === 'mcp.json'))
    return 'MCP server config (it starts programs)';
  if (hasSegment(abs, '.vscode') || hasSegment(abs, '.idea'))
    return 'editor config (tasks and run configs run code)';
  if (base.startsWith('.env') && !ENV_TEMPLATE.test(base)) return 'environment secrets (.env*)';
  if (isInside(abs, dirs.ssh)) return 'SSH keys and config (~/.ssh)';
  if (isInside(abs, dirs.aws) || isInside(abs, dirs.gcloud)) return 'cloud credentials';
  if (SHELL_STARTUP_FILES.has(base) && path.dirname(abs) === env.home) return 'shell start-up files';
  if (isInside(abs, dirs.fish)) return 'shell start-up files';
  if (isSystemFile(abs)) return 'system files';
  if (isInside(abs, dirs.systemd) || abs.startsWith('/etc/systemd/')) return 'systemd units (persistence)';
  return undefined;
}

/**
 * Why a path is protected from writes; see writeReason. Letter case is ignored, as macOS and
 * Windows file systems do (`.GIT/hooks` is the repository's hooks there): the check runs once, on
 * the lower-cased path against lower-cased places.
 */
export function protectedWriteReason(file: string, env: Environment): string | undefined {
  return writeReason(file.toLowerCase(), foldedEnv(env));
}

/** Why reading a path hands over a secret; see readReason. Letter case is ignored likewise. */
export function protectedReadReason(file: string, env: Environment): string | undefined {
  return readReason(file.toLowerCase(), foldedEnv(env));
}

let lastFolded: { readonly env: Environment; readonly folded: Environment } | undefined;

/** The environment with its home directories lower-cased (kept for the last env: hot path). */
function foldedEnv(env: Environment): Environment {
  if (lastFolded?.env !== env)
    lastFolded = {
      env,
      folded: { ...env, home: env.home.toLowerCase(), wardenHome: env.wardenHome.toLowerCase() },
    };
  return lastFolded.folded;
}

/**
 * The agent's own working notes under .claude/ (plan files, todo lists, auto memory) are written by
 * the agent by design and configure nothing; settings, hooks, commands, agents and skills do.
 */
function isAgentNotes(parts: readonly string[]): boolean {
  const next = parts[parts.lastIndexOf('.claude') + 1];
  if (next === 'plans' || next === 'todos' || next === 'memory' || next === 'memories') return true;
  return next === 'projects' && parts.includes('memory');
}

/** The agent's plan, todo and memory files in the user's ~/.claude: its own notes, written by design. */
export function isAgentNotesFile(file: string, env: Environment): boolean {
  const abs = absolutePath(file);
  return isInside(abs, `${env.home}/.claude`) && isAgentNotes(abs.split('/'));
}

/** `.env.example` and its kin are templates meant to be committed: no secrets, not protected. */
const ENV_TEMPLATE = /\.(example|sample|template|dist)$/;

/** Files whose mere reading hands over a secret: held even in read-only tiers. */
function readReason(file: string, env: Environment): string | undefined {
  const abs = absolutePath(file);
  const base = abs.slice(abs.lastIndexOf('/') + 1);
  const dirs = homeDirs(env.home);
  const token = tokenFileReason(abs, env) ?? consoleDeviceReason(abs, env);
  if (token) return token;
  if (base.startsWith('.env') && !ENV_TEMPLATE.test(base)) return 'environment secrets (.env*)';
  if (isInside(abs, dirs.ssh) && !base.endsWith('.pub') && base !== 'known_hosts' && base !== 'config')
    return 'SSH private keys';
  if (isInside(abs, dirs.aws) || isInside(abs, dirs.gcloud)) return 'cloud credentials';
  if (base === '.netrc' || base === '.npmrc' || base === '.pypirc' || base === 'credentials.json')
    return 'credentials';
  return secretRead(abs, base, dirs);
}

/**
 * The places under home whose reading hands over a secret, for matching globs and unknown paths
 * against: directories (everything inside is secret) and single files.
 */
export function secretReadPlaces(env: Environment): {
  readonly dirs: readonly string[];
  readonly files: readonly string[];
} {
  const at = (file: string) => path.join(env.home, file);
  return {
    dirs: [env.wardenHome, at('.ssh'), at('.aws'), at('.config/gcloud'), ...CREDENTIAL_STORES.map(at)],
    files: [...AGENT_LOGINS.map(at), ...SECRET_HOME_FILES.map(at), at('.cargo/credentials.toml')],
  };
}

const SECRET_HOME_FILES = [
  '.claude/settings.json',
  '.claude/settings.local.json',
  '.env',
  '.netrc',
  '.npmrc',
  '.pypirc',
  '.git-credentials',
  '.pgpass',
  '.my.cnf',
  '.vault-token',
  '.bash_history',
  '.zsh_history',
];

/** Keys, credential stores and system secrets by name and place. */
const SECRET_BASENAMES =
  /^(id_(rsa|dsa|ecdsa|ed25519)|.+\.key|.+\.p12|.+\.pfx|credentials|\.git-credentials|\.pgpass|\.my\.cnf|secrets?\.(ya?ml|json|toml)|\.htpasswd|shadow|gshadow|master\.key|.*\.keystore|.*\.jks|\.vault-token|token\.json|service[-_]account.*\.json|terraform\.tfstate(\.backup)?|.*\.tfstate)$/i;

function secretRead(abs: string, base: string, dirs: HomeDirs): string | undefined {
  if (SECRET_BASENAMES.test(base) && !/\.(pub|example|sample|template)$/.test(base))
    return 'secret key or credentials file';
  for (const [dir, full] of dirs.credentialStores)
    if (isInside(abs, full) && !isPackageCodeOrDocs(abs, base)) return `credentials (~/${dir})`;
  if (dirs.agentLogins.has(abs)) return "a coding agent's login";
  if (abs === '/etc/shadow' || abs === '/etc/sudoers' || abs === '/etc/gshadow') return 'system secrets';
  if (
    !(dirs.home === '/root' && isInside(abs, dirs.home)) &&
    /^\/(root|etc\/security|var\/lib\/pam|etc\/ssh\/ssh_host_[^/]*key$)|^\/proc\/(key-users|keys|\d+\/environ|self\/environ|kcore)|^\/sys\/kernel\//.test(
      abs,
    )
  )
    return 'privileged system file';
  if (abs === '/etc/passwd' || abs === '/etc/master.passwd') return 'system account list';
  if (/\.pem$/.test(base) && !/(cert|chain|ca|pub|bundle|fullchain)/i.test(base))
    return 'PEM file (may hold a private key)';
  if (isInside(abs, dirs.cargo) && base === 'credentials.toml') return 'registry token';
  if (/^\.(bash|zsh|python|psql|mysql|node_repl|sqlite|irb|rediscli)_?history$|^fish_history$/.test(base))
    return 'shell history (may hold secrets)';
  if (/^\/(var\/)?run\/secrets\//.test(abs)) return 'mounted service secrets';
  return undefined;
}

/**
 * Code, type declarations, docs and assets: what a tool's folder under ~/.config also holds (its
 * plugins' node_modules, a `.d.ts`), none of it a credential. Credentials live in config, database,
 * key and extension-less files, which stay secret.
 */
const CODE_OR_DOCS =
  /\.([cm]?[jt]sx?|map|md|markdown|rst|html?|css|scss|svg|png|jpe?g|gif|webp|ico|woff2?|ttf|pyi?|rb|go|rs|java|kt|swift|[ch]|[ch]pp)$/;

function isPackageCodeOrDocs(abs: string, base: string): boolean {
  return abs.includes('/node_modules/') || CODE_OR_DOCS.test(base);
}

const CREDENTIAL_STORES = [
  '.gnupg',
  '.kube',
  '.docker',
  '.config/gh',
  '.config/hub',
  '.config/glab-cli',
  '.config/op',
  '.config/doctl',
  '.azure',
  '.fly',
  '.password-store',
  '.cache/huggingface',
  '.config/github-copilot',
  '.kaggle',
  '.config/sops',
  '.config/stripe',
  '.local/share/keyrings',
  '.mozilla',
  '.config/google-chrome',
  '.config/chromium',
  '.config/BraveSoftware',
  'Library/Application Support/Google/Chrome',
  'Library/Application Support/Firefox',
  'Library/Cookies',
  'Library/Keychains',
];

/** Coding agents' own logins: an agent reading them takes the user's account. */
const AGENT_LOGINS = [
  '.codex/auth.json',
  '.claude/.credentials.json',
  '.claude.json',
  '.gemini/oauth_creds.json',
  // other tools' single-file logins and keys
  '.s3cfg',
  '.boto',
  '.databrickscfg',
  '.m2/settings.xml',
  '.gradle/gradle.properties',
  '.terraform.d/credentials.tfrc.json',
  '.config/rclone/rclone.conf',
  '.supabase/access-token',
  '.config/configstore/firebase-tools.json',
];

/** The directories under home the checks name, built once per home (the checks run for every action). */
interface HomeDirs {
  /** The (lower-cased) home itself: `/root` is the user's own home when warden runs as root. */
  readonly home: string;
  readonly ssh: string;
  readonly aws: string;
  readonly gcloud: string;
  readonly fish: string;
  readonly systemd: string;
  readonly cargo: string;
  readonly credentialStores: readonly (readonly [dir: string, full: string])[];
  readonly agentLogins: ReadonlySet<string>;
}

/** Built once per (lower-cased) home; the lists are lower-cased too, to match lower-cased paths. */
let cachedDirs: { readonly home: string; readonly dirs: HomeDirs } | undefined;

function homeDirs(home: string): HomeDirs {
  if (cachedDirs?.home !== home) {
    const at = (file: string) => path.join(home, file.toLowerCase());
    cachedDirs = {
      home,
      dirs: {
        home: home.toLowerCase(),
        ssh: at('.ssh'),
        aws: at('.aws'),
        gcloud: at('.config/gcloud'),
        fish: at('.config/fish'),
        systemd: at('.config/systemd'),
        cargo: at('.cargo'),
        credentialStores: CREDENTIAL_STORES.map((dir) => [dir, at(dir)] as const),
        agentLogins: new Set(AGENT_LOGINS.map(at)),
      },
    };
  }
  return cachedDirs.dirs;
}

/** Whether a normalized absolute path has `name` as one of its segments (no split: hot path). */
function hasSegment(abs: string, name: string): boolean {
  for (let at = abs.indexOf(name); at >= 0; at = abs.indexOf(name, at + 1)) {
    const end = at + name.length;
    if (abs[at - 1] === '/' && (end === abs.length || abs[end] === '/')) return true;
  }
  return false;
}

const SHELL_STARTUP_FILES = new Set([
  '.bashrc',
  '.bash_profile',
  '.bash_login',
  '.profile',
  '.zshrc',
  '.zshenv',
  '.zprofile',
  '.zlogin',
  '.kshrc',
  '.cshrc',
  '.tcshrc',
]);
