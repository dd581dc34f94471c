import type { Analysis } from '../domain/analysis.js';
import { safe, unsure } from './verdicts.js';

/**
 * Tools warden has no entry for (a new agent's, a plugin's): held only when they could change
 * something. A tool is judged a read when its name has no verb of change and its input carries
 * nothing a change needs: no path, command, code, URL, content or message, at any depth, and no
 * string that looks like one.
 */

/** Verbs of change in a tool's name (`delete_branch`, `sendMessage`, `kill-process`, `deploy`). */
const CHANGE_VERB =
  /^(create|add|insert|update|upsert|set|put|post|patch|write|save|store|edit|modify|replace|rename|move|copy|delete|del|remove|rm|drop|destroy|purge|truncate|wipe|erase|clear|reset|kill|stop|start|restart|launch|open|run|exec|execute|eval|invoke|call|apply|install|uninstall|deploy|publish|release|push|merge|commit|upload|download|send|email|mail|message|notify|post|pay|transfer|approve|grant|revoke|chmod|chown|mount|format|shutdown|reboot|type|click|press|fill|submit|navigate|fetch|request|import|export|sync|migrate|build|compile|generate)$/;

/** Words of input keys a change needs: where (path, url), what (content, patch), how (command, code). */
const CHANGE_KEY_WORD =
  /^(paths?|files?|filename|filepath|dirs?|directory|folder|dest|destination|target|source|src|urls?|uris?|href|host|endpoint|commands?|cmd|script|code|program|shell|exec|argv|args|arguments|contents?|text|body|data|payload|patch|diff|edits?|replace|replacement|new|old|insert|values?|query|sql|statement|messages?|prompt|input|stdin|chars|keys|env|headers?|method|recipients?|to|cc|email|amount)$/;

function keyChanges(key: string): boolean {
  return nameWords(key).some((w) => CHANGE_KEY_WORD.test(w));
}

/** Strings that name a place or carry a command: `/x`, `~/x`, `./x`, `C:\x`, `scheme://`, shell syntax. */
const CHANGE_VALUE = /^(\/|~|\.{1,2}\/|[a-z]:[\\/]|\\\\)|[a-z][a-z0-9+.-]*:\/\/|[;&|`<>]|\$\(/i;

function nameWords(tool: string): string[] {
  return tool
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The first part of an input that could change something, or undefined. */
function changingPart(value: unknown, key: string, depth: number): string | undefined {
  if (depth > 8) return key || 'deeply nested input';
  if (key !== '' && keyChanges(key)) return key;
  if (typeof value === 'string')
    return CHANGE_VALUE.test(value) || value.length > 500 ? key || 'its text' : undefined;
  if (Array.isArray(value)) {
    for (const v of value) {
      const part = changingPart(v, key, depth + 1);
      if (part) return part;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const part = changingPart(v, k, depth + 1);
      if (part) return part;
    }
  }
  return undefined;
}

export function judgeUnknownTool(tool: string, input: Readonly<Record<string, unknown>>): Analysis {
  const verb = nameWords(tool).find((w) => CHANGE_VERB.test(w));
  if (verb)
    return unsure('unknown-tool', `${tool} is a tool warden does not know, and its name says it may ${verb}`);
  const part = changingPart(input, '', 0);
  if (part)
    return unsure(
      'unknown-tool',
      `${tool} is a tool warden does not know, and its input (${part}) could change something`,
    );
  return safe(`${tool} is a tool warden does not know, but its input names nothing it could change: a read`);
}
