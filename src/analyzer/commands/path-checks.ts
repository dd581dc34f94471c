import path from 'node:path';
import type { Analysis } from '../../domain/analysis.js';
import { isWardenReason } from '../../places/console-files.js';
import { isHomeProject } from '../../places/project-root.js';
import { resolvePath } from '../../places/resolve-path.js';
import { HARMLESS_DEVICES, readProtection, writeProtection, zoneOf } from '../../places/zones.js';
import type { Arg } from '../../shell/words.js';
import { consoleHold } from '../console/facts.js';
import { dangerous, safe, unsure, worst } from '../verdicts.js';
import type { ShellContext } from './context.js';
import { beyondScratch } from './files/scratch-limits.js';
import { hasGlob, secretGlobRead } from './secrets/secret-globs.js';

/** Judges writing (creating, overwriting, appending) to one path. */
export function judgeWrite(target: Arg, ctx: ShellContext, verb = 'writes'): Analysis {
  if (target.dynamic) {
    const abs = staticPrefixPath(target.value, ctx);
    const guarded = abs && writeProtection(abs, ctx);
    if (guarded) return protectedWrite(abs, guarded);
    return unsure('write-dynamic-path', `${verb} to a path only known at run time (${target.value})`);
  }
  const abs = resolvePath(target.value, ctx);
  if (abs === undefined)
    return unsure('write-unknown-path', `${verb} to ${target.value} after a cd warden cannot follow`);
  if (HARMLESS_DEVICES.has(abs) || /^\/dev\/fd\/\d+$/.test(abs)) return safe(`${verb} to ${abs}`);
  const guarded = writeProtection(abs, ctx);
  if (guarded) return protectedWrite(abs, guarded);
  const zone = zoneOf(abs, ctx);
  switch (zone) {
    case 'project':
    case 'project-root':
    case 'temp':
      return safe(`${verb} inside the project or a temp dir`);
    case 'device':
      if (/^\/dev\/(tcp|udp)\//.test(abs))
        return dangerous(
          'destroy-or-exfiltrate',
          'network-socket',
          `blocked: ${verb} to the network socket ${abs}: a reverse shell or data sent off the machine`,
        );
      return dangerous(
        'destroy-or-exfiltrate',
        'device-write',
        `${verb} to the device ${abs}, which can destroy a disk; write to a file instead`,
      );
    case 'system':
    case 'root':
      return dangerous(
        'degrade-security',
        'system-path-write',
        `${verb} to the system path ${abs}; change files inside the project instead, or ask the user to do it`,
      );
    default:
      return unsure('write-outside-project', `${verb} to ${abs}, outside the project`);
  }
}

/**
 * Rewriting an existing file in place from the shell (sed -i, perl -i, awk -i inplace): unlike the
 * Edit tool there is no diff to review and the agent's checkpoints cannot undo it, so a project
 * file is held; scratch files in temp dirs are fine.
 */
export function judgeInPlaceEdit(target: Arg, ctx: ShellContext, tool: string): Analysis {
  const w = judgeWrite(target, ctx, `${tool} rewrites`);
  if (w.kind !== 'safe' || target.dynamic) return w;
  if (zoneOf(resolvePath(target.value, ctx), ctx) === 'temp') return w;
  return unsure(
    'in-place-edit',
    `${tool} rewrites ${target.value} in place: no diff to review, and the agent's checkpoints cannot undo it; use the Edit tool`,
  );
}

/** Files (or globs of them) that a build or a run regenerates: logs, objects, caches, backups. */
const REGENERABLE_FILE =
  /\.(log|tmp|temp|bak|orig|rej|swp|swo|o|obj|pyc|pyo|class|cache|out|pid|tsbuildinfo|prof|trace)$|~$/i;

export function isRegenerableFile(name: string): boolean {
  return REGENERABLE_FILE.test(name);
}

/** Shell start-up and git config files by name: overwritten wholesale, the old one is gone. */
const STARTUP_FILE =
  /^\.(bashrc|bash_profile|bash_login|profile|zshrc|zshenv|zprofile|zlogin|kshrc|cshrc|tcshrc|gitconfig|inputrc)$/;

/** Replacing a start-up or git config file (cp, mv, `>`), wherever it lies, without a backup. */
export function judgeReplaceStartupFile(target: Arg, ctx: ShellContext, verb: string): Analysis | undefined {
  if (target.dynamic || !STARTUP_FILE.test(path.basename(target.value))) return undefined;
  const w = judgeWrite(target, ctx, verb);
  return w.kind === 'safe'
    ? unsure(
        'startup-file-replace',
        `${verb} ${target.value}, a shell start-up or git config file, and its old content is lost; keep a backup (cp --backup) or edit it with the Edit tool`,
      )
    : w;
}

/**
 * A `>` redirect replaces the whole target. Inside the project that loses the old content for good
 * (a shell write is not in the agent's checkpoints), so it is held; appending (`>>`), temp files,
 * logs and other regenerable outputs, and heredoc writes (`cat <<EOF > file`, the shell form of the Write tool: the whole new content
 * is in the command) are not.
 */
export function judgeOverwrite(target: Arg, ctx: ShellContext, fromHeredoc: boolean): Analysis {
  const startup = judgeReplaceStartupFile(target, ctx, 'overwrites');
  if (startup) return startup;
  const w = judgeWrite(target, ctx, 'overwrites');
  if (w.kind !== 'safe' || fromHeredoc || target.dynamic || isRegenerableFile(target.value)) return w;
  const zone = zoneOf(resolvePath(target.value, ctx), ctx);
  return zone === 'project'
    ? unsure(
        'overwrite-redirect',
        `> replaces all of ${target.value}, and its old content cannot be recovered; append with >>, write a new file, or use the Edit tool`,
      )
    : w;
}

function protectedWrite(abs: string, why: string): Analysis {
  const warden = isWardenReason(why);
  if (warden === 'device')
    return consoleHold(
      'console-keystrokes',
      `writes to ${abs} (${why}); only a person uses the console's terminal`,
    );
  if (warden)
    return consoleHold('console-silence', `changes ${abs} (${why}); only a person changes warden's files`);
  // an env file holds the user's secrets, not the agent's settings: changing one waits for a person
  if (path.basename(abs).startsWith('.env'))
    return unsure('secrets-write', `writes ${abs} (${why}); ask the user to change environment files`);
  return dangerous(
    'degrade-security',
    'protected-path-write',
    `blocked: ${abs} is protected (${why}); an agent must not change it — ask the user to make this change`,
  );
}

/** For `$VAR/x` paths, the static part when the word starts with ~ or an absolute path. */
function staticPrefixPath(value: string, ctx: ShellContext): string | undefined {
  const cut = value.search(/[$`]/);
  const prefix = cut === -1 ? value : value.slice(0, cut);
  if (!prefix.includes('/')) return undefined;
  return resolvePath(prefix.slice(0, prefix.lastIndexOf('/') + 1) || '/', ctx);
}

/** Judges reading a file: credentials are dangerous to read (they end up in the transcript). */
/**
 * Words that can name a secret: a cheap filter so that ordinary arguments (`-la`, `src/index.ts`)
 * skip path resolution. Anything under warden's home is always checked.
 */
const MAYBE_SECRET =
  /\/dev\/|env|ssh|aws|gcloud|gnupg|kube|docker|azure|config|netrc|npmrc|pypirc|pgpass|cnf|credential|secret|token|key|pem|p12|pfx|jks|keystore|id_|passw|shadow|sudoers|keychain|vault|history|htpasswd|cargo|root|proc|sys|pam|security|warden|gh|codex|claude|gemini|\.fly|s3cfg|boto|databricks|kaggle|tfstate|\.m2|gradle|huggingface|rclone|supabase|firebase|copilot|keyring|mozilla|chrom|brave|cookies|secrets/i;

export function judgeRead(target: Arg, ctx: ShellContext): Analysis | undefined {
  const globbed = target.dynamic || hasGlob(target.value);
  if (
    !globbed &&
    !MAYBE_SECRET.test(target.value) &&
    !target.value.startsWith(ctx.env.wardenHome) &&
    !cwdMoved(ctx)
  )
    return undefined;
  if (globbed) {
    const hit = secretGlobRead(target.value, target.dynamic, ctx);
    if (hit === 'unknown')
      return unsure(
        'read-dynamic-path',
        `reads ${target.value}, a path in your home directory only known at run time`,
      );
    if (hit) return secretRead(hit.abs, hit.why);
  }
  const abs = target.dynamic ? staticPrefixPath(target.value, ctx) : resolvePath(target.value, ctx);
  if (!abs) return undefined;
  const why = readProtection(abs, ctx);
  if (!why) return undefined;
  return secretRead(abs, why);
}

/**
 * After a `cd` out of the project (into ~/.ssh, say) a bare `cat *` or `base64 deploy` names a
 * secret without spelling it: every argument is resolved and checked.
 */
function cwdMoved(ctx: ShellContext): boolean {
  if (ctx.cwd === undefined) return false;
  const zone = zoneOf(ctx.cwd, ctx);
  return zone !== 'project' && zone !== 'project-root' && zone !== 'temp';
}

export function secretRead(abs: string, why: string): Analysis {
  const warden = isWardenReason(why);
  if (warden === 'device')
    return consoleHold(
      'console-screen-read',
      `reads ${abs} (${why}): it would take the keys a person types there`,
    );
  if (warden)
    return consoleHold(
      'console-token-read',
      `reads ${abs} (${why}); only a person reads warden's token and state`,
    );
  const base = path.basename(abs);
  if (
    base.startsWith('.env') ||
    /system account list|PEM file|privileged system file|Claude Code's settings/.test(why)
  )
    return unsure(
      'secrets-read',
      base.startsWith('.env')
        ? `reads ${abs} (${why}); use .env.example or ask the user for the value you need`
        : `reads ${abs} (${why}); ask the user if you need it`,
    );
  return dangerous(
    'destroy-or-exfiltrate',
    'secrets-read',
    `blocked: reads ${abs} (${why}), which would expose credentials; ask the user for what you need instead`,
  );
}

export interface DeleteOptions {
  readonly recursive: boolean;
  readonly glob: boolean;
  readonly verb?: string;
}

/** Names of directories that builds regenerate: deleting them loses nothing. */
const REGENERABLE =
  /^(node_modules|dist|build|out|target|coverage|\.next|\.nuxt|\.turbo|\.cache|\.parcel-cache|__pycache__|\.pytest_cache|\.mypy_cache|\.ruff_cache|\.tox|\.venv|venv|\.gradle|bin|obj|tmp|temp|\.tmp|logs?|\.svelte-kit|\.angular|\.expo|DerivedData|Pods|\.eggs|.*\.egg-info|htmlcov|\.nyc_output|storybook-static|public\/build|lib|\.output|\.vercel|\.wrangler|artifacts|cache)$/;

/** Judges deleting one path (rm, find -delete, shred, rsync --delete targets). */
export function judgeDelete(target: Arg, opts: DeleteOptions, ctx: ShellContext): Analysis {
  const verb = opts.verb ?? (opts.recursive ? 'recursively deletes' : 'deletes');
  if (target.dynamic) {
    const abs = staticPrefixPath(target.value, ctx);
    if (abs) {
      const guarded = writeProtection(abs, ctx);
      if (guarded) return protectedWrite(abs, guarded);
      const z = zoneOf(abs, ctx);
      if (z !== 'project' && z !== 'temp')
        return dangerous(
          'destroy-or-exfiltrate',
          'delete-outside-project',
          `${verb} ${target.value}, outside the project; delete only files inside the project`,
        );
    }
    if (/^"?\$\{?\w+\}?"?\/?\*?$/.test(target.value) || /^\/?\$/.test(target.value))
      return opts.recursive
        ? dangerous(
            'destroy-or-exfiltrate',
            'recursive-delete-unknown-path',
            `${verb} ${target.value}: if the variable is empty or wrong this deletes far more than intended; use a literal path`,
          )
        : unsure('delete-dynamic-path', `${verb} ${target.value}, a path only known at run time`);
    return opts.recursive
      ? unsure('delete-dynamic-path', `${verb} ${target.value}, a path only known at run time`)
      : safe(`${verb} files named at run time (not recursive)`);
  }
  const abs = resolvePath(target.value, ctx);
  if (abs === undefined)
    return unsure('delete-unknown-path', `${verb} ${target.value} after a cd warden cannot follow`);
  const guarded = writeProtection(abs, ctx);
  if (guarded && !(opts.recursive === false && path.basename(abs) === 'index.lock'))
    return protectedWrite(abs, guarded);
  const inProject = zoneOf(abs, ctx);
  const zone = inProject === 'project' && isHomeProject(ctx.projectRoot, ctx.env) ? 'home' : inProject;
  const destroy = (finding: string, where: string) =>
    dangerous(
      'destroy-or-exfiltrate',
      finding,
      `blocked: ${verb} ${abs} (${where}); delete only specific paths inside the project`,
    );
  switch (zone) {
    case 'root':
      return destroy('delete-root', 'the whole filesystem');
    case 'home-root':
      return destroy('delete-home', 'your home directory');
    case 'project-root':
      return opts.recursive || opts.glob
        ? destroy('delete-project', 'the whole project')
        : unsure('delete-project', `${verb} ${abs}`);
    case 'system':
    case 'device':
      return destroy('delete-system-path', 'a system path');
    case 'home':
    case 'other':
    case 'unknown':
      return opts.recursive || opts.glob
        ? destroy('recursive-delete-outside-project', 'outside the project')
        : unsure('delete-outside-project', `${verb} ${abs}, outside the project`);
    case 'temp': {
      const beyond = beyondScratch(abs, opts.glob, ctx);
      if (!beyond) return safe(`${verb} a temp path`);
      const finding = /project|working directory/.test(beyond) ? 'delete-project' : 'delete-temp-dir';
      return opts.recursive || opts.glob
        ? destroy(finding, beyond)
        : unsure(finding, `${verb} ${abs} (${beyond})`);
    }
    case 'project': {
      if (!opts.recursive) return safe(`${verb} a file inside the project`);
      const rel = path.relative(ctx.projectRoot, abs);
      const last = path.basename(abs);
      if (REGENERABLE.test(last) || rel.split(path.sep).some((seg) => REGENERABLE.test(seg)))
        return safe(`${verb} build output or caches inside the project`);
      return unsure(
        'recursive-delete-in-project',
        `${verb} ${rel} inside the project; files not committed to git cannot be recovered`,
      );
    }
  }
}

export function judgeAll(items: readonly Analysis[]): Analysis {
  return worst(items, safe('nothing to judge'));
}
