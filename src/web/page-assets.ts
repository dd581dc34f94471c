import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
};

export interface Asset {
  readonly type: string;
  readonly body: Buffer;
}

/** src/web/page/, from src/web (tests) and dist/web (the built console) alike. */
export function pageDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.join(here, '..', '..', 'src', 'web', 'page');
}

/** The page's static files, read once: plain HTML, CSS and JS written in the repo (no CDN, no build). */
export function loadAssets(dir = pageDir()): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const name of fs.readdirSync(dir)) {
    const type = TYPES[path.extname(name)];
    if (type === undefined) continue;
    assets.set(`/${name}`, { type, body: fs.readFileSync(path.join(dir, name)) });
  }
  return assets;
}
