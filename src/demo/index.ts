export { type DemoOptions, makeDemoProject, runDemoScript } from './demo-script.js';
export { compiledRuleCovers, inMemoryConsoleDeps, simpleSuggestRule } from './simple-deps.js';
export { type DemoConsole, startDemoConsole } from './start-demo.js';
