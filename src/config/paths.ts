import os from 'node:os';
import path from 'node:path';
import type { Environment } from '../domain/analysis.js';

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
  return { home: homeDir(env), wardenHome: wardenHome(env), tempDirs: [...temp] };
}
