import path from 'node:path';

/**
 * Well-known credential formats (the ones secret scanners look for). A literal credential in a
 * command line leaks into logs and transcripts; written into a source file it gets committed.
 */
export const SECRET_TOKEN =
  /\b(ghp_[A-Za-z0-9]{20,}|gho_[A-Za-z0-9]{20,}|github_pat_\w{20,}|sk-(proj-|ant-)?[A-Za-z0-9_-]{20,}|sk_live_\w{6,}|rk_live_\w{6,}|xox[abpr]-[\w-]{10,}|AKIA[0-9A-Z]{16}|AIza[\w-]{30,}|glpat-[\w-]{20,})/;

const PRIVATE_KEY = /-----BEGIN ((RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY( BLOCK)?-----/;

/** `scheme://user:password@host`, unless the password is a placeholder or a variable. */
const URL_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/'"`]+:([^\s@/'"`]{3,})@[^\s'"`]+/gi;
const PLACEHOLDER = /^(\$|\{|<|%|\*+$|x+$|password$|passwd$|pass$|changeme$|\.\.\.)/i;

/** The kind of credential a text holds, or undefined. */
export function secretIn(text: string): string | undefined {
  if (PRIVATE_KEY.test(text)) return 'a private key';
  for (const m of text.matchAll(URL_PASSWORD)) {
    if (!PLACEHOLDER.test(m[1]!)) return 'a password inside a connection URL';
  }
  const m = SECRET_TOKEN.exec(text);
  return m ? `a credential (${m[1]!.slice(0, 4)}…)` : undefined;
}

/**
 * Test fixtures, mocks and templates (`test/fixtures/…`, `*.test.ts`, `.env.example`) are where
 * fake keys belong: a credential-shaped string written there is a test artefact, not a leak.
 */
export function isFixtureFile(file: string, projectRoot: string): boolean {
  // only the part inside the project counts: a project under ~/tests/ is not all fixtures
  const rel = path.relative(projectRoot, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return false;
  const inside = `/${rel}`;
  return (
    /\/(tests?|__tests__|spec|specs|fixtures|__fixtures__|mocks?|__mocks__|testdata|test-data|examples?)\//.test(
      inside,
    ) || /\.(test|spec)\.\w+$|\.(example|sample|template|dist)$/.test(inside)
  );
}

/** A private-key block: held even in fixtures (a real key pasted into a test is still a leak). */
export function holdsPrivateKey(text: string): boolean {
  return PRIVATE_KEY.test(text);
}

/** The text an edit tool writes: Write content, Edit/MultiEdit new strings, a patch. */
export function writtenText(input: Readonly<Record<string, unknown>>): string {
  const parts: string[] = [];
  for (const key of ['content', 'new_string', 'patch', 'new_source']) {
    const value = input[key];
    if (typeof value === 'string') parts.push(value);
  }
  if (Array.isArray(input.edits)) {
    for (const edit of input.edits) {
      const value = (edit as { new_string?: unknown } | null)?.new_string;
      if (typeof value === 'string') parts.push(value);
    }
  }
  return parts.join('\n');
}
