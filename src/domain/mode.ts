/**
 * Modes as data (docs: ../../docs/architecture.md, DESIGN.md's table). The policy reads these
 * flags; nothing else branches on a mode's name.
 */

export const MODE_NAMES = ['manual', 'edits', 'auto', 'plan', 'yolo', 'pause'] as const;
export type ModeName = (typeof MODE_NAMES)[number];

/**
 * The mode the console and `warden serve` start in unless `--mode` or config.json's `mode` says
 * otherwise: warden exists to decide the routine itself.
 */
export const DEFAULT_MODE: ModeName = 'auto';

export interface ModeSpec {
  readonly name: ModeName;
  readonly label: string;
  readonly description: string;
  /** Hold everything, read-only tools too (deny rules still deny). */
  readonly holdEverything: boolean;
  /** Deny every mutation (plan mode). */
  readonly denyMutations: boolean;
  /** Read-only tools are allowed without asking. */
  readonly allowReads: boolean;
  /** Edits inside the project (outside protected paths) are allowed. */
  readonly allowProjectEdits: boolean;
  /** The analyzer may allow (safe) and deny (dangerous); the classifier is asked when unsure. */
  readonly useAnalyzer: boolean;
  /** Everything but deny rules is allowed. */
  readonly allowEverything: boolean;
}

export const MODES: Readonly<Record<ModeName, ModeSpec>> = {
  manual: {
    name: 'manual',
    label: 'manual',
    description: 'reads, proven read-only commands and allow rules run; everything else waits for you',
    holdEverything: false,
    denyMutations: false,
    allowReads: true,
    allowProjectEdits: false,
    useAnalyzer: false,
    allowEverything: false,
  },
  edits: {
    name: 'edits',
    label: 'edits',
    description: 'reads and edits inside the project run; shell, web and MCP wait for you',
    holdEverything: false,
    denyMutations: false,
    allowReads: true,
    allowProjectEdits: true,
    useAnalyzer: false,
    allowEverything: false,
  },
  auto: {
    name: 'auto',
    label: 'auto',
    description: 'the analyzer and classifier decide; only unsure actions wait for you (warden starts here)',
    holdEverything: false,
    denyMutations: false,
    allowReads: true,
    allowProjectEdits: true,
    useAnalyzer: true,
    allowEverything: false,
  },
  plan: {
    name: 'plan',
    label: 'plan',
    description: 'read-only: reads and proven read-only commands run; every mutation is denied',
    holdEverything: false,
    denyMutations: true,
    allowReads: true,
    allowProjectEdits: false,
    useAnalyzer: false,
    allowEverything: false,
  },
  yolo: {
    name: 'yolo',
    label: 'YOLO',
    description: 'everything runs except what deny rules block',
    holdEverything: false,
    denyMutations: false,
    allowReads: true,
    allowProjectEdits: true,
    useAnalyzer: false,
    allowEverything: true,
  },
  pause: {
    name: 'pause',
    label: 'PAUSED',
    description: 'everything waits for you, reads too',
    holdEverything: true,
    denyMutations: false,
    allowReads: false,
    allowProjectEdits: false,
    useAnalyzer: false,
    allowEverything: false,
  },
};

export function isModeName(value: unknown): value is ModeName {
  return typeof value === 'string' && (MODE_NAMES as readonly string[]).includes(value);
}

export function nextMode(mode: ModeName): ModeName {
  const index = MODE_NAMES.indexOf(mode);
  return MODE_NAMES[(index + 1) % MODE_NAMES.length]!;
}
