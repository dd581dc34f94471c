/**
 * warden's layering, checked by dependency-cruiser (`npm run lint`, and test/architecture/layers.test.ts
 * in CI). It reads the resolved module graph (type-only imports included), so a relative path of any
 * depth, a re-export or a dynamic import cannot slip past it.
 *
 *   domain ◀── places, shell ◀── analyzer, policy ◀── the rest (store, broker, server, ui, …)
 *
 * places (where a path lies, what is protected, secrets, project root) and shell (the parser walk,
 * words, the wrapper table) depend on domain only, and not on each other. analyzer and policy use
 * them and never each other: what both need lives in domain, places or shell, or is passed in
 * through the Analyzer interface (src/domain/analysis.ts).
 */
const CORE = '^src/(domain|places|shell|analyzer|policy)/';

module.exports = {
  forbidden: [
    {
      name: 'domain-imports-nothing-of-ours',
      comment: 'src/domain holds types and pure data: it imports nothing else of ours.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^src/', pathNot: '^src/domain/' },
    },
    {
      name: 'places-only-domain',
      comment: 'src/places (path knowledge) imports only src/domain.',
      severity: 'error',
      from: { path: '^src/places/' },
      to: { path: '^src/', pathNot: '^src/(domain|places)/' },
    },
    {
      name: 'shell-only-domain',
      comment: 'src/shell (shell syntax and the wrapper table) imports only src/domain.',
      severity: 'error',
      from: { path: '^src/shell/' },
      to: { path: '^src/', pathNot: '^src/(domain|shell)/' },
    },
    {
      name: 'analyzer-not-policy',
      comment: 'The analyzer does not know the policy: shared knowledge lives in domain, places or shell.',
      severity: 'error',
      from: { path: '^src/analyzer/' },
      to: { path: '^src/policy/' },
    },
    {
      name: 'policy-not-analyzer',
      comment: 'The policy reaches the analyzer only through the Analyzer interface passed to decide().',
      severity: 'error',
      from: { path: '^src/policy/' },
      to: { path: '^src/analyzer/' },
    },
    {
      name: 'core-without-ui',
      comment: 'domain, places, shell, analyzer and policy are pure: no UI, React or Ink.',
      severity: 'error',
      from: { path: CORE },
      to: {
        path: [
          '^src/ui/',
          '^src/web/',
          '\\.tsx$',
          // resolved into node_modules, or (should resolution fail) the bare name itself
          '(^|/)node_modules/(ink|ink-[^/]+|react|react-[^/]+|@inkjs/[^/]+)/',
          '^(ink|ink-[^/]+|react|react-[^/]+|@inkjs/[^/]+)(/|$)',
        ],
      },
    },
    {
      name: 'core-without-runtime',
      comment: 'domain, places, shell, analyzer and policy do not reach the store, server, config or CLI.',
      severity: 'error',
      from: { path: CORE },
      to: {
        path: '^src/(store|broker|server|config|commands|classifier|install|demo|replay|rules-preview|rule-offer|rule-health|eval|bench|app\\.ts|cli\\.ts)',
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js'],
      conditionNames: ['import', 'require', 'node', 'default'],
      exportsFields: ['exports'],
    },
  },
};
