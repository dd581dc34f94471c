import type { Arg } from './words.js';

/**
 * The text `echo` or `printf` prints, as far as it can be known statically: escapes decoded
 * (`\x72`, `\162`, `\n`), printf's `%s`/`%b`/`%d` filled from its arguments. Undefined when a
 * word is only known at run time.
 */
export function printedText(head: string, args: readonly Arg[]): string | undefined {
  if (args.some((a) => a.dynamic)) return undefined;
  if (head === 'printf') {
    const [format, ...rest] = args.filter((a, i) => !(i === 0 && a.value === '--'));
    if (!format) return '';
    let k = 0;
    const filled = decodeEscapes(format.value).replace(/%(-?\d*)([sbdqc%])/g, (_m, _w, kind: string) => {
      if (kind === '%') return '%';
      const value = rest[k++]?.value ?? '';
      return kind === 'b' ? decodeEscapes(value) : value;
    });
    return [filled, ...rest.slice(k).map((a) => a.value)].join(' ');
  }
  let interpret = false;
  const words: string[] = [];
  for (const [i, a] of args.entries()) {
    if (i === words.length && /^-[neE]+$/.test(a.value) && words.length === 0) {
      if (a.value.includes('e')) interpret = true;
      continue;
    }
    words.push(a.value);
  }
  const text = words.join(' ');
  return interpret ? decodeEscapes(text) : text;
}

function decodeEscapes(text: string): string {
  return text.replace(
    /\\(x[0-9a-fA-F]{1,2}|0?[0-7]{1,3}|u[0-9a-fA-F]{4}|[ntr\\abfv'"])/g,
    (_m, e: string) => {
      if (e[0] === 'x') return String.fromCharCode(Number.parseInt(e.slice(1), 16));
      if (e[0] === 'u') return String.fromCharCode(Number.parseInt(e.slice(1), 16));
      if (/^[0-7]/.test(e)) return String.fromCharCode(Number.parseInt(e, 8));
      return (
        { n: '\n', t: '\t', r: '\r', '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v', "'": "'", '"': '"' }[
          e
        ] ?? e
      );
    },
  );
}
