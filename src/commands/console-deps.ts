import type { Warden } from '../app.js';
import { auditDir } from '../broker/audit-log.js';
import { readFileForDiff } from '../config/read-file-for-diff.js';
import { addRuleToFile, removeRuleFromFile, scopeFile } from '../config/rule-files.js';
import type { WardenConfig } from '../config/warden-config.js';
import type { Action } from '../domain/action.js';
import { claudeConfigDir } from '../install/claude-code.js';
import { compileProjectScoped } from '../policy/project-scoped-rules.js';
import { compileRules, type PartJudge, ruleChoices, ruleCovers, suggestRule } from '../policy/rules/index.js';
import { readDecisionsInSlices } from '../replay/index.js';
import { probesFor } from '../rule-health/index.js';
import { HISTORY_DAYS, projectDecisions } from '../rules-preview/source.js';
import type { ConsoleDeps } from '../ui/deps.js';
import { webConsole } from '../web/web-console.js';
import { auditActionsSinceInSlices } from './rule-health-findings.js';
import type { Runtime } from './runtime.js';

/** The console's real dependencies: rules from and to files, diffs from disk, attention switches. */
export function consoleDeps(
  runtime: Runtime,
  warden: Warden,
  config: WardenConfig,
  onQuit: () => void,
): ConsoleDeps {
  const at = { wardenHome: runtime.home, claudeConfigDir: claudeConfigDir() };
  const store = warden.store;
  /** The project a new project rule belongs to: the cursor action's, else the first session's. */
  const currentProject = () => {
    const state = store.getState();
    const cursor = state.cursorId !== undefined ? state.records.get(state.cursorId) : undefined;
    return cursor?.action.projectRoot ?? Object.values(state.sessions)[0]?.cwd ?? process.cwd();
  };
  const reload = () => warden.reloadRules();
  /** Which part of a compound command was held: the analyzer judges each part. */
  const judgeParts =
    (action: Action): PartJudge =>
    (command) =>
      runtime.analyzer.analyze({ ...action, command, input: { ...action.input, command } }, runtime.env).kind;
  return {
    suggestRule: (action) => suggestRule(action, runtime.env.home, judgeParts(action)),
    ruleChoices: (action) => ruleChoices(action, runtime.env.home, judgeParts(action)),
    ruleCovers: (text, action) => ruleCovers(text, action, runtime.env),
    async addRule(proposal) {
      if (proposal.scope === 'session') return 'session rules are kept by the console';
      const where = scopeFile(proposal.scope, at, currentProject());
      try {
        addRuleToFile(where.file, proposal.effect, proposal.text);
        reload();
        return undefined;
      } catch (error) {
        return `could not write ${where.file}: ${(error as Error).message}`;
      }
    },
    async removeRule(rule) {
      if (!rule.source.file) return `${rule.text} is not in a file`;
      try {
        if (!removeRuleFromFile(rule.source.file, rule.effect, rule.text))
          return `${rule.text} is no longer in ${rule.source.file}`;
        reload();
        return undefined;
      } catch (error) {
        return `could not change ${rule.source.file}: ${(error as Error).message}`;
      }
    },
    readFileForDiff,
    preview: {
      env: runtime.env,
      analyzer: runtime.analyzer,
      compile: (rules, partsOf) => compileProjectScoped((list) => compileRules(list, partsOf), rules),
      // Read in slices, so that opening the editor keeps drawing frames meanwhile.
      async loadHistory(projectRoot) {
        const since = Date.now() - HISTORY_DAYS * 24 * 3600 * 1000;
        const read = await readDecisionsInSlices(
          auditDir(runtime.home),
          new Date(since).toISOString().slice(0, 10),
        );
        return projectDecisions(read.decisions, since, projectRoot);
      },
    },
    ruleHealth: {
      env: runtime.env,
      analyzer: runtime.analyzer,
      loadHistory: (since) => auditActionsSinceInSlices(runtime.home, since),
      // No agent connected yet: the project the console was started in.
      probes: (roots) => (roots.length > 0 ? roots : [process.cwd()]).flatMap(probesFor),
      now: Date.now,
    },
    ...(config.offerRuleAfter !== undefined && { offerRuleAfter: config.offerRuleAfter }),
    onQuit,
    ...(warden.web && { web: webConsole(warden.web) }),
    ...(config.notifications?.terminal !== undefined && { terminal: config.notifications.terminal }),
    bell: config.notifications?.bell ?? true,
    notify: config.notifications?.desktop ?? true,
    title: config.notifications?.title ?? true,
  };
}
