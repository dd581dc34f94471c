import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addressesOf } from '../../src/config/console-location.js';
import { startTestWarden } from '../support/warden-instance.js';

describe('the page address is warden’s own address for the guard', () => {
  it('endpoint.json names the page, and the console location lists its port', async () => {
    const warden = await startTestWarden({ web: { port: 0 } });
    try {
      const record = JSON.parse(fs.readFileSync(path.join(warden.home, 'endpoint.json'), 'utf8'));
      expect(record.page).toBe(warden.web!.page.url);
      const ports = addressesOf(record).map((a) => a.port);
      expect(ports).toContain(warden.web!.page.port);
      expect(ports).toContain(warden.server.port);
    } finally {
      await warden.close();
    }
  });
});
