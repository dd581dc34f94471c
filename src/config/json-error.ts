import { type ParseError, parse, printParseErrorCode } from 'jsonc-parser';

/**
 * Where and why JSON text is invalid, as `line N: reason` (Node's own JSON.parse message has no
 * position on every version). jsonc-parser is strict here: no comments, no trailing commas.
 */
export function describeJsonError(text: string): { line: number; reason: string } {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return { line: 1, reason: 'not valid JSON' };
  let line = 1;
  for (let i = 0; i < first.offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line += 1;
  return { line, reason: printParseErrorCode(first.error) };
}
