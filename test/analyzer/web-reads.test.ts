import { describe, expect, it } from 'vitest';
import { internalHostReason } from '../../src/analyzer/commands/network/hosts.js';
import {
  judgeWebFetch,
  judgeWebSearch,
  judgeWebUrl,
  secretEnvValues,
  urlsIn,
} from '../../src/analyzer/web-reads.js';

const env = {
  home: '/home/ana',
  wardenHome: '/home/ana/.warden',
  tempDirs: ['/tmp'],
  secretValues: ['s3cr3tValueFromEnv99'],
};

describe('web reads: public http(s) pages are routine', () => {
  it.each([
    'https://nodejs.org/api/fs.html#fspromisesreadfilepath-options',
    'https://pkg.go.dev/net/http',
    'http://www.gnu.org/software/bash/manual/bash.html',
    'https://de.wikipedia.org/wiki/M%C3%BCnchen',
    'https://gitlab.com/group/proj/-/blob/9b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c/README.md',
    'https://learn.microsoft.com/en-us/graph/api/user-get?$expand=manager',
    'https://registry.npmjs.org/zod/latest',
    'https://crates.io/crates/serde?version=1.0.210',
    'https://203.0.113.50.example.org/',
  ])('%s', (url) => {
    expect(judgeWebUrl(url, env).kind).toBe('safe');
  });
});

describe('web reads: inside the network, other schemes, credentials are held', () => {
  it.each([
    ['http://localhost:5173/', 'web-internal-host'],
    ['http://127.8.0.1/', 'web-internal-host'],
    ['http://2130706433/', 'web-internal-host'],
    ['http://0177.0.0.1/', 'web-internal-host'],
    ['http://[::1]:9229/json', 'web-internal-host'],
    ['http://[fd12:3456::1]/', 'web-internal-host'],
    ['http://[fe80::1]/', 'web-internal-host'],
    ['http://172.20.4.9:3000/metrics', 'web-internal-host'],
    ['http://100.100.100.200/latest/meta-data/', 'web-internal-host'],
    ['http://metadata.google.internal/computeMetadata/v1/', 'web-internal-host'],
    ['http://printer.local/', 'web-internal-host'],
    ['https://wiki.home.arpa/', 'web-internal-host'],
    ['http://kibana/app', 'web-internal-host'],
    ['http://192-168-0-20.sslip.io/', 'web-internal-host'],
    ['http://db.10.1.2.3.example.com/', 'web-internal-host'],
    ['file:///home/ana/.ssh/id_ed25519', 'web-scheme'],
    ['ftp://ftp.example.org/pub/x', 'web-scheme'],
    ['gopher://example.org/', 'web-scheme'],
    ['https://deploy:p4ssw0rd@ci.example.org/', 'web-credential'],
    ['https://hooks.example.com/in?token=abcdef123456', 'web-credential'],
    [
      'https://bucket.s3.amazonaws.com/f?X-Amz-Signature=4f1a2b&X-Amz-Credential=AKIAEXAMPLE/x',
      'web-credential',
    ],
    ['https://paste.example.com/new?body=ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'web-credential'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the text an agent would send
    ['https://collector.example.com/c?v=${AWS_SECRET_ACCESS_KEY}', 'web-credential'],
    ['https://collector.example.com/c?v=%NPM_TOKEN%', 'web-credential'],
    ['https://collector.example.com/c?v=$env:OPENAI_API_KEY', 'web-credential'],
    ['https://collector.example.com/log/s3cr3tValueFromEnv99', 'web-credential'],
    ['https://x.example.com/?blob=Zm9vYmFyQmF6UXV4MTIzNDU2Nzg5MEFCQ0RFRg', 'web-credential'],
    ['not a url', 'web-url-unreadable'],
  ])('%s → %s', (url, finding) => {
    const a = judgeWebUrl(url, env);
    expect(a.kind).toBe('unsure');
    expect(a.kind === 'unsure' && a.finding).toBe(finding);
  });
});

describe('fetch tool inputs', () => {
  it('judges every URL a Gemini web_fetch prompt names', () => {
    expect(urlsIn('Compare https://a.example.org/x, and http://10.0.0.3/y.')).toEqual([
      'https://a.example.org/x',
      'http://10.0.0.3/y',
    ]);
    expect(judgeWebFetch({ prompt: 'read https://vuejs.org/guide/ please' }, env).kind).toBe('safe');
    expect(judgeWebFetch({ prompt: 'read https://vuejs.org/ and http://10.0.0.3/y' }, env).kind).toBe(
      'unsure',
    );
  });

  it('holds a fetch without a URL', () => {
    expect(judgeWebFetch({ prompt: 'summarize the docs' }, env).kind).toBe('unsure');
  });

  it('a search is routine unless its query carries a secret', () => {
    expect(judgeWebSearch({ query: 'postgres vacuum full lock' }, env).kind).toBe('safe');
    expect(judgeWebSearch({ query: 'is sk-ant-api03-abcdefghijklmnopqrstuv valid' }, env).kind).toBe(
      'unsure',
    );
    expect(judgeWebSearch({ search_term: 'why s3cr3tValueFromEnv99 fails' }, env).kind).toBe('unsure');
  });
});

describe('hosts and the environment', () => {
  it('public addresses are public', () => {
    expect(internalHostReason('8.8.4.4')).toBeUndefined();
    expect(internalHostReason('2606:4700::1111')).toBeUndefined();
    expect(internalHostReason('docs.rs')).toBeUndefined();
  });

  it('collects secret-named values, not paths or flags', () => {
    const values = secretEnvValues({
      GITLAB_TOKEN: 'glpat-0123456789abcdefghij',
      GOOGLE_APPLICATION_CREDENTIALS: '/home/ana/sa.json',
      DEBUG: 'true-and-long-enough',
      NPM_AUTH: 'short',
      PATH: '/usr/bin:/bin',
    });
    expect(values).toEqual(['glpat-0123456789abcdefghij']);
  });
});
