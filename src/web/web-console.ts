import QRCode from 'qrcode';
import type { WebConsole } from '../ui/deps.js';
import type { WebHub } from './web-hub.js';

/** A QR code of the text in block characters (two rows of modules per line), for the terminal. */
export function terminalQr(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'terminal', small: true, errorCorrectionLevel: 'L' });
}

/** The console's handle on the approval page: `w` shows a code, y/n answers, x revokes. */
export function webConsole(hub: WebHub): WebConsole {
  return {
    pageUrl: hub.page.url,
    pairing: hub.pairing.view,
    status: hub.status,
    async showPairing() {
      const shown = hub.pairing.newCode('console');
      const link = hub.page.pairLink(shown.code);
      return { code: shown.code, link, qr: await terminalQr(link), expiresAt: shown.expiresAt };
    },
    cancelPairing(code) {
      hub.pairing.cancelCode(code);
      for (const request of hub.pairing.view.getState().requests) {
        if (request.owner === 'console' && request.state === 'waiting') hub.pairing.answer(request.id, false);
      }
    },
    answer: (id, yes) => void hub.pairing.answer(id, yes),
    revoke: (id) => void hub.pairing.revoke(id),
    touch: () => hub.touch(),
  };
}
