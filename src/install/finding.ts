/** One line of `warden doctor`. */
export interface Finding {
  readonly level: 'ok' | 'warn' | 'fail';
  readonly text: string;
}

/** Where a command hook points: the warden.js it runs, if the line names one. */
export function wardenScriptOf(command: string): string | undefined {
  const m = /(?:"([^"]*warden(?:\.js)?)"|'([^']*warden(?:\.js)?)'|(\S*warden(?:\.js)?))\s+hook\b/.exec(
    command,
  );
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}
