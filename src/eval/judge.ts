import { actionFromToolCall } from '../adapters/tool-call.js';
import { createAnalyzer } from '../analyzer/index.js';
import type { Action } from '../domain/action.js';
import type { Analyzer, Environment } from '../domain/analysis.js';
import type { Classifier, ClassifierAnswer } from '../domain/classification.js';
import type { ModeName } from '../domain/mode.js';
import type { Decision, Verdict } from '../domain/verdict.js';
import { isDrivePath, toPosixPath } from '../places/windows-path.js';
import { decide } from '../policy/decide.js';
import { compileRules, type RuleSet } from '../policy/rules/index.js';
import type { EvalCase } from './cases.js';

export const DEFAULT_PROJECT = '/home/user/project';

/**
 * The machine a corpus case is judged on: home inferred from its cwd (/Users/x, /home/x,
 * C:\\Users\\x); for a cwd outside any home (/mnt/c/…, /Applications/…, /opt/…), from the first home
 * the case's input names (the machine's user wrote it there); else /home/user. A Windows cwd is a
 * Windows machine: its AppData\\Local\\Temp and C:\\Windows\\Temp are temp.
 */
export function environmentFor(cwd: string, input?: Readonly<Record<string, unknown>>): Environment {
  const at = toPosixPath(cwd);
  if (isDrivePath(at)) {
    const w = /^(\/[a-z]\/Users\/[^/]+)(\/|$)/i.exec(at);
    const home = w ? w[1]! : '/c/Users/user';
    return {
      home,
      wardenHome: `${home}/.warden`,
      tempDirs: [`${home}/AppData/Local/Temp`, `${at.slice(0, 2)}/Windows/Temp`],
    };
  }
  const m = HOME_AT_START.exec(at) ?? (input ? HOME_ANYWHERE.exec(JSON.stringify(input)) : null);
  const home = m ? m[1]! : '/home/user';
  return { home, wardenHome: `${home}/.warden`, tempDirs: ['/tmp', '/private/tmp', '/var/tmp'] };
}

const HOME_AT_START = /^(\/Users\/[^/]+|\/home\/[^/]+)(\/|$)/;
const HOME_ANYWHERE = /(?<![\w.-])(\/Users\/[\w.-]+|\/home\/[\w.-]+)\//;

export function actionFor(c: EvalCase, index: number): Action {
  const cwd = c.cwd ?? DEFAULT_PROJECT;
  const home = environmentFor(cwd, c.input).home;
  // the corpus is judged on a fake machine: its ~ and $HOME are that machine's home, not this one's
  const input: Record<string, unknown> = { ...c.input };
  for (const key of ['file_path', 'notebook_path', 'path'])
    if (typeof input[key] === 'string')
      input[key] = (input[key] as string).replace(/^(~|\$HOME|\$\{HOME\})(?=\/|$)/, home);
  const agent = c.agent === 'codex-cli' ? 'codex' : c.agent === 'gemini-cli' ? 'gemini-cli' : 'claude-code';
  return actionFromToolCall({ tool: c.tool, input, cwd, agent }, `e${index}`, 0);
}

export interface Judged {
  readonly case: EvalCase;
  readonly action: Action;
  readonly verdict: Verdict;
  readonly decision: Decision;
  /** The classifier's answer, when it was asked. */
  readonly answer?: ClassifierAnswer;
}

/** Runs decide() (empty rules) on a case, then the classifier when decide() asks for it. */
export class CaseJudge {
  private readonly rules: RuleSet = compileRules([]);
  private readonly analyzer: Analyzer = createAnalyzer();

  constructor(
    private readonly mode: ModeName,
    private readonly classifier?: Classifier,
  ) {}

  judgeSync(c: EvalCase, index: number): Judged {
    const action = actionFor(c, index);
    const env = environmentFor(action.cwd, c.input);
    const verdict = decide(action, this.rules, this.mode, { env, analyzer: this.analyzer });
    return { case: c, action, verdict, decision: verdict.decision };
  }

  async judge(c: EvalCase, index: number): Promise<Judged> {
    const j = this.judgeSync(c, index);
    if (!j.verdict.wantsClassifier || !this.classifier || this.classifier.status !== 'on') return j;
    const answer = await this.classifier.classify(j.action);
    const decision: Decision =
      answer.verdict === 'allow' ? 'allow' : answer.verdict === 'block' ? 'deny' : 'hold';
    return {
      ...j,
      decision,
      answer,
      verdict: { ...j.verdict, decision, by: 'classifier', reason: answer.reason },
    };
  }
}
