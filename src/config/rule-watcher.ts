import fs from 'node:fs';

/**
 * Watches rule files (by polling their stat: works for files that do not exist yet and across
 * editors that replace files) and calls `onChange` once per burst of changes.
 */
export function watchFiles(files: readonly string[], onChange: () => void, intervalMs = 500): () => void {
  let pending: NodeJS.Timeout | undefined;
  const fire = () => {
    if (pending) return;
    pending = setTimeout(() => {
      pending = undefined;
      onChange();
    }, 50);
    pending.unref?.();
  };
  const listener = (curr: fs.Stats, prev: fs.Stats) => {
    if (curr.mtimeMs !== prev.mtimeMs || curr.size !== prev.size || curr.ino !== prev.ino) fire();
  };
  for (const file of files) fs.watchFile(file, { interval: intervalMs, persistent: false }, listener);
  return () => {
    for (const file of files) fs.unwatchFile(file, listener);
    if (pending) clearTimeout(pending);
  };
}
