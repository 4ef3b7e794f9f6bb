import type { TelegramCodeLoginResult, TelegramLoginResult } from '../types.js';
import { loadChunk } from './chunks.js';
import { loginWithLibrary } from './library.js';
import { CODE_FLOW_POPUP_NAME, runPopupLogin, type CloseHandling } from './popup-window.js';
import type { OAuthLoginRequest } from './requests.js';

/**
 * A callback page that sends Cross-Origin-Opener-Policy itself cuts the popup off as it arrives (it
 * looks closed) and answers over the channel once its script has loaded: give it that long. Under
 * this page's own COOP the answer still comes over the channel, so the login keeps waiting.
 */
const CODE_POPUP_CLOSE: CloseHandling = { graceMs: 3000, whenSevered: 'keep-waiting' };

/**
 * Runs a validated login with its flow. Synchronous up to the popup's `window.open`: the code flows'
 * own code loads after the blank popup is open (the drop-in keeps them in chunks of their own). The
 * bot flow has a dialog of the element's: see `login()` in src/login.ts.
 */
export function runLogin(request: OAuthLoginRequest): Promise<TelegramLoginResult> {
  switch (request.flow) {
    case 'library':
      return loginWithLibrary(request);
    case 'popup':
      return runPopupLogin<TelegramCodeLoginResult>(CODE_FLOW_POPUP_NAME, request, CODE_POPUP_CLOSE, (login) => {
        loadChunk('popup code flow', () => import('./popup.js')).then(
          (chunk) => chunk.continuePopupLogin(login, request),
          (error: unknown) => login.fail(error as never),
        );
      });
    case 'redirect':
      return loadChunk('redirect code flow', () => import('./redirect.js')).then((chunk) => chunk.loginWithRedirect(request));
  }
}
