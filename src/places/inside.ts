/** Whether an absolute, normalized path is `dir` or below it (string test: this is on the hot path). */
export function isInside(file: string, dir: string): boolean {
  if (!file.startsWith(dir)) return false;
  return file.length === dir.length || file[dir.length] === '/' || dir.endsWith('/');
}
