import { describe, expect, it } from 'vitest';
import { secretIn, writtenText } from '../../src/places/secret-patterns.js';

describe('secretIn', () => {
  it.each([
    ['key = "AKIAIOSFODNN7EXAMPLE"', 'a credential'],
    ['-----BEGIN OPENSSH PRIVATE KEY-----', 'a private key'],
    ['DB = "postgres://admin:s3cr3t@db:5432/app"', 'a password inside a connection URL'],
    ['token: xoxb-1234567890-abcdef', 'a credential'],
  ])('%s → %s', (text, kind) => {
    expect(secretIn(text)).toMatch(kind);
  });

  it.each([
    'url = os.environ["DATABASE_URL"]',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal shell-style placeholder
    'postgres://${USER}:${PASSWORD}@db/app',
    'postgres://user:$PGPASSWORD@db/app',
    'mysql://root:<password>@localhost/db',
    'https://example.com/a?x=1',
    'ssh://git@github.com/org/repo.git',
  ])('%s holds none', (text) => {
    expect(secretIn(text)).toBeUndefined();
  });

  it('reads what every edit tool writes', () => {
    expect(writtenText({ content: 'a' })).toBe('a');
    expect(writtenText({ old_string: 'x', new_string: 'b' })).toBe('b');
    expect(writtenText({ edits: [{ new_string: 'c' }, { new_string: 'd' }] })).toBe('c\nd');
    expect(writtenText({ patch: '+e' })).toBe('+e');
  });
});
