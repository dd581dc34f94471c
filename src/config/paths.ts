import os from 'node:os';
import path from 'node:path';
import type { Environment } from '../domain/analysis.js';
import { toPosixPath } from '../places/windows-path.js';

/** Where warden keeps its files: $WARDEN_HOME, default ~/.warden. */
export function wardenHome(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.WARDEN_HOME?.trim();
  return path.resolve(fromEnv ? fromEnv : path.join(homeDir(env), '.warden'));
}

export function homeDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.HOME?.trim() || os.homedir();
}

/** The facts the policy and analyzer judge paths against. */
export function environmentFor(env: NodeJS.ProcessEnv = process.env): Environment {
  const temp = new Set([path.resolve(os.tmpdir()), '/tmp', '/var/tmp']);
  if (process.platform === 'win32') {
    // on Windows, paths are judged in warden's form (C:\Users\x is /c/Users/x: places/windows-path.ts)
    const windowsTemp = [env.TEMP, env.TMP, os.tmpdir(), `${env.SystemRoot ?? 'C:\\Windows'}\\Temp`];
    return {
      home: toPosixPath(homeDir(env)),
      wardenHome: toPosixPath(wardenHome(env)),
      tempDirs: [...new Set(windowsTemp.filter((t): t is string => !!t).map(toPosixPath))],
    };
  }
  return { home: homeDir(env), wardenHome: wardenHome(env), tempDirs: [...temp] };
}
