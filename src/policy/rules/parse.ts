/**
 * Claude Code permission-rule syntax, parsed into data:
 *   `Bash`, `Bash(*)`, `Bash(npm run test *)`, legacy `Bash(npm run test:*)`,
 *   `Read(./.env)`, `Edit(src/**)`, `Read(~/.ssh/**)`, `Edit(//etc/**)`, `Edit(/docs/**)`,
 *   `WebFetch(domain:example.com)`, `mcp__server`, `mcp__server__tool`, `mcp__server__*`.
 */

export type RuleTarget =
  | { readonly kind: 'any'; readonly tool: string }
  | {
      readonly kind: 'command';
      readonly tool: string;
      readonly pattern: string;
      readonly legacyPrefix: boolean;
    }
  | { readonly kind: 'path'; readonly tool: string; readonly pattern: string }
  | { readonly kind: 'domain'; readonly tool: string; readonly domain: string }
  | { readonly kind: 'mcp'; readonly server: string; readonly mcpTool: string | undefined }
  | { readonly kind: 'literal'; readonly tool: string; readonly specifier: string };

export type ParseResult =
  | { readonly ok: true; readonly target: RuleTarget }
  | { readonly ok: false; readonly error: string };

/** Tools whose specifier is a shell command pattern. */
const COMMAND_TOOLS = new Set(['Bash']);
/** Tools whose specifier is a gitignore-style path pattern. */
const PATH_TOOLS = new Set([
  'Read',
  'Edit',
  'Write',
  'MultiEdit',
  'NotebookEdit',
  'NotebookRead',
  'Glob',
  'Grep',
  'LS',
]);
const DOMAIN_TOOLS = new Set(['WebFetch']);

export function parseRule(text: string): ParseResult {
  const rule = text.trim();
  if (rule === '') return { ok: false, error: 'empty rule' };
  if (rule.length > 2000) return { ok: false, error: 'rule longer than 2,000 characters' };
  const open = rule.indexOf('(');
  if (open < 0) {
    if (rule.includes(')')) return { ok: false, error: `unbalanced ")" in ${JSON.stringify(rule)}` };
    if (rule.startsWith('mcp__')) return parseMcp(rule);
    if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(rule))
      return { ok: false, error: `not a tool name: ${JSON.stringify(rule)}` };
    return { ok: true, target: { kind: 'any', tool: rule } };
  }
  if (!rule.endsWith(')'))
    return { ok: false, error: `a rule with "(" must end with ")": ${JSON.stringify(rule)}` };
  const tool = rule.slice(0, open);
  const spec = rule.slice(open + 1, -1);
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(tool))
    return { ok: false, error: `not a tool name: ${JSON.stringify(tool)}` };
  if (spec.trim() === '')
    return { ok: false, error: `empty specifier in ${JSON.stringify(rule)}; write ${tool} for every call` };
  if (spec === '*' || spec === '**') return { ok: true, target: { kind: 'any', tool } };
  if (COMMAND_TOOLS.has(tool)) {
    const legacy = spec.endsWith(':*');
    const pattern = legacy ? spec.slice(0, -2) : spec;
    if (pattern.trim() === '') return { ok: false, error: `empty command prefix in ${JSON.stringify(rule)}` };
    return { ok: true, target: { kind: 'command', tool, pattern, legacyPrefix: legacy } };
  }
  if (PATH_TOOLS.has(tool)) return { ok: true, target: { kind: 'path', tool, pattern: spec } };
  if (DOMAIN_TOOLS.has(tool)) {
    if (!spec.startsWith('domain:'))
      return { ok: false, error: `${tool} rules take domain:HOST, e.g. ${tool}(domain:example.com)` };
    const domain = spec.slice('domain:'.length).trim().toLowerCase();
    if (!/^(\*\.)?[a-z0-9.-]+$/.test(domain))
      return { ok: false, error: `not a domain: ${JSON.stringify(domain)}` };
    return { ok: true, target: { kind: 'domain', tool, domain } };
  }
  return { ok: true, target: { kind: 'literal', tool, specifier: spec } };
}

function parseMcp(rule: string): ParseResult {
  const parts = rule.split('__');
  const server = parts[1];
  if (!server) return { ok: false, error: `an MCP rule names a server: mcp__server or mcp__server__tool` };
  const rest = parts.slice(2).join('__');
  return {
    ok: true,
    target: { kind: 'mcp', server, mcpTool: rest === '' || rest === '*' ? undefined : rest },
  };
}
