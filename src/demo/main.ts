/**
 * `node dist/demo/main.js [delayMs]`: the demo console on this terminal (the real-terminal
 * test drives it in tmux; the CLI's `warden --demo` calls startDemoConsole the same way).
 */
import { startDemoConsole } from './start-demo.js';

const delay = Number(process.argv[2] ?? '700');
const demo = startDemoConsole({ delayMs: Number.isFinite(delay) ? delay : 700 });
void demo.instance.waitUntilExit().then(() => process.exit(0));
